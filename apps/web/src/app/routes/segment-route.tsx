import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { can } from '@watchfloor/shared/permissions';
import { ScopeAcknowledgements } from '../../features/acknowledgements/components/scope-acknowledgements.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { getEntityQueryOptions } from '../../features/entities/api/get-entity.ts';
import { useSegment } from '../../features/segments/api/get-segment.ts';
import { SegmentPage } from '../../features/segments/components/segment-page.tsx';
import { paths } from '../../lib/paths.ts';
import { useDrillView } from '../use-drill-view.ts';
import { ProposeActionSlot } from './propose-action-slot.tsx';
import { WhySlot } from './why-slot.tsx';

/** `/segments/:segmentId`: one segment; `compare=previous` in the URL overlays the previous period. */
export function SegmentRoute() {
  const segmentId = useParams().segmentId ?? '';
  const { view, params, zoom, setPageParam } = useDrillView();
  const queryClient = useQueryClient();
  const me = useMe();
  // Shares the segment page's query: actions are offered only on a segment that is shown.
  const segmentShown = useSegment(segmentId, view.window).data !== undefined;
  const entityHref = useCallback(
    (entityId: string) => paths.entity(segmentId, entityId, view),
    [segmentId, view],
  );
  const prefetch = useCallback(
    (entityId: string) =>
      void queryClient.prefetchQuery(getEntityQueryOptions(entityId, view.window)),
    [queryClient, view.window],
  );
  return (
    <>
      <ProposeActionSlot
        key={`propose-${segmentId}`}
        target={{ kind: 'segment', id: segmentId }}
        entityKind={null}
        window={view.window}
        targetShown={segmentShown}
      />
      <SegmentPage
        key={segmentId}
        segmentId={segmentId}
        view={view}
        compare={params.get('compare') === 'previous'}
        onCompareChange={(on) => setPageParam('compare', on ? 'previous' : undefined)}
        onZoom={zoom}
        entityHref={entityHref}
        onEntityIntent={prefetch}
        acknowledgements={
          <ScopeAcknowledgements
            scope={{ kind: 'segment', slug: segmentId }}
            mayAcknowledge={me.data ? can(me.data.roles, 'incidents.acknowledge') : undefined}
          />
        }
        why={
          <WhySlot
            key={`why-${segmentId}`}
            scope={{ kind: 'segment', id: segmentId }}
            view={view}
            pageEntityKind={null}
          />
        }
      />
    </>
  );
}
