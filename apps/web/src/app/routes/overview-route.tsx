import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { AcknowledgementNote } from '../../features/acknowledgements/components/acknowledgement-note.tsx';
import { OverviewPage } from '../../features/overview/components/overview-page.tsx';
import { getSegmentQueryOptions } from '../../features/segments/api/get-segment.ts';
import { paths } from '../../lib/paths.ts';
import { useDrillView } from '../use-drill-view.ts';

const acknowledgementNote = (slug: string) => (
  <AcknowledgementNote scope={{ kind: 'segment', slug }} />
);

/** `/`: the fleet overview; its segment links keep the window, and hovering one fetches it ahead. */
export function OverviewRoute() {
  const { view, zoom } = useDrillView();
  const queryClient = useQueryClient();
  const segmentHref = useCallback((slug: string) => paths.segment(slug, view), [view]);
  const prefetch = useCallback(
    (slug: string) => void queryClient.prefetchQuery(getSegmentQueryOptions(slug, view.window)),
    [queryClient, view.window],
  );
  return (
    <OverviewPage
      view={view}
      onZoom={zoom}
      segmentHref={segmentHref}
      onSegmentIntent={prefetch}
      segmentNote={acknowledgementNote}
    />
  );
}
