import type { ReactNode } from 'react';
import { AlertsList } from '../../../components/annotation-lists.tsx';
import { DrillLevelPage } from '../../../components/drill-level-page.tsx';
import { Panel } from '../../../components/panel.tsx';
import type { Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useOverview } from '../api/get-overview.ts';
import { FleetChartPanel } from './fleet-chart-panel.tsx';
import { FleetSummary } from './fleet-summary.tsx';
import { SegmentHealthTable } from './segment-health-table.tsx';

interface Props {
  view: DrillView;
  onZoom: (zoom: Bounds | null) => void;
  segmentHref: (slug: string) => string;
  onSegmentIntent?: (slug: string) => void;
  /** A line under a segment's reason (who acknowledged its incident), composed by the route. */
  segmentNote?: (slug: string) => ReactNode;
}

/**
 * Fleet overview: how much to trust the data, the fleet at a glance, every segment worst first,
 * then the fleet chart and the alerts of the window.
 */
export function OverviewPage({ view, onZoom, segmentHref, onSegmentIntent, segmentNote }: Props) {
  const query = useOverview(view.window);
  return (
    <DrillLevelPage
      heading="Fleet overview"
      query={query}
      what="The fleet overview"
      loading="Loading the fleet…"
    >
      {(body) => (
        <>
          <FleetSummary fleet={body.data.fleet} />
          <Panel title="Segments">
            <SegmentHealthTable
              segments={body.data.segments}
              segmentHref={segmentHref}
              onSegmentIntent={onSegmentIntent}
              segmentNote={segmentNote}
            />
          </Panel>
          <Panel title="Fleet traffic, latency and errors">
            <FleetChartPanel
              body={body}
              view={view}
              onZoom={onZoom}
              current={!query.isPlaceholderData}
            />
          </Panel>
          <AlertsList annotations={body.data.annotations} window={body.data.window} limit={8} />
        </>
      )}
    </DrillLevelPage>
  );
}
