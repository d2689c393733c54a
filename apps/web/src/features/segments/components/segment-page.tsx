import { AfterFirstPaint } from '../../../components/after-first-paint.tsx';
import { AnnotationLists } from '../../../components/annotation-lists.tsx';
import { DrillLevelPage } from '../../../components/drill-level-page.tsx';
import { Panel } from '../../../components/panel.tsx';
import type { ReactNode } from 'react';
import type { Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useSegment } from '../api/get-segment.ts';
import { CompareToggle } from './compare-toggle.tsx';
import { EntityTable } from './entity-table.tsx';
import { SegmentChartPanel } from './segment-chart-panel.tsx';
import { SegmentSummary } from './segment-summary.tsx';
import { TopEntitiesPanel } from './top-entities-panel.tsx';

interface Props {
  segmentId: string;
  view: DrillView;
  compare: boolean;
  onCompareChange: (compare: boolean) => void;
  onZoom: (zoom: Bounds | null) => void;
  entityHref: (entityId: string) => string;
  onEntityIntent?: (entityId: string) => void;
  /** The "Why?" panel, composed by the route (it belongs to another feature). */
  why?: ReactNode;
  /** Who is on the segment's current incident, and the way to say so (another feature's). */
  acknowledgements?: ReactNode;
}

/** One segment: its verdict and figures, its series, and which entities caused what changed. */
export function SegmentPage({
  segmentId,
  view,
  compare,
  onCompareChange,
  onZoom,
  entityHref,
  onEntityIntent,
  why,
  acknowledgements,
}: Props) {
  const query = useSegment(segmentId, view.window);
  const name = query.data?.data.segment.name;
  return (
    <DrillLevelPage
      heading={
        <>
          {name ?? segmentId} <span className="page__slug">{segmentId}</span>
        </>
      }
      query={query}
      what={`Segment ${segmentId}`}
      loading="Loading the segment…"
    >
      {(body) => (
        <>
          <SegmentSummary detail={body.data} />
          {acknowledgements}
          <Panel
            title="Segment traffic, latency and errors"
            actions={<CompareToggle compare={compare} onChange={onCompareChange} />}
          >
            <SegmentChartPanel
              body={body}
              view={view}
              compare={compare}
              onZoom={onZoom}
              current={!query.isPlaceholderData}
            />
          </Panel>
          {why}
          <AnnotationLists annotations={body.data.annotations} window={body.data.window} />
          <Panel title="Entities">
            <EntityTable
              entities={body.data.entities}
              sparklineBucketMs={body.data.sparklineBucketMs}
              window={body.data.window}
              entityHref={entityHref}
              onEntityIntent={onEntityIntent}
            />
          </Panel>
          <Panel title="Top entities compared">
            <AfterFirstPaint placeholderHeight={340}>
              <TopEntitiesPanel
                detail={body.data}
                resolution={body.meta.resolution ?? '1m'}
                qualityState={body.quality.state}
                onZoom={onZoom}
              />
            </AfterFirstPaint>
          </Panel>
        </>
      )}
    </DrillLevelPage>
  );
}
