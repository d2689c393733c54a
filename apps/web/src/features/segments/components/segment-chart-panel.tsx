import { useMemo } from 'react';
import type { SeriesMetric } from '@watchfloor/shared/drilldown';
import { DrillChart } from '../../../components/drill-chart.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useSeries } from '../../../lib/get-series.ts';
import { absolute, type Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useZoomedSeries } from '../../../lib/use-zoomed-series.ts';
import type { SegmentResponse } from '../api/get-segment.ts';
import { buildSegmentChartOptions } from '../charts/segment-chart-options.ts';

const SEGMENT_METRICS: readonly SeriesMetric[] = ['rate', 'errors', 'p95'];

interface Props {
  body: SegmentResponse;
  view: DrillView;
  compare: boolean;
  onZoom: (zoom: Bounds | null) => void;
  current: boolean;
}

/** The segment's series; zoomed, the visible window loads finer buckets while the navigator keeps the outer window. */
export function SegmentChartPanel({ body, view, compare, onZoom, current }: Props) {
  const segmentId = body.data.segment.slug;
  const zoom = useZoomedSeries(
    { scope: 'segment', id: segmentId },
    view,
    SEGMENT_METRICS,
    body,
    body.data.series,
  );
  const { points, resolution, navigator } = zoom;
  // The previous period is read only while it is shown; the page's own answer does not carry it.
  const previousWindow = body.data.previousWindow;
  const previous = useSeries(
    { scope: 'segment', id: segmentId },
    compare ? absolute(previousWindow.from, previousWindow.to) : undefined,
    SEGMENT_METRICS,
  );
  const previousAnswer = compare ? previous.data : undefined;

  const options = useMemo(
    () =>
      buildSegmentChartOptions({
        segmentId,
        segmentName: body.data.segment.name,
        points,
        resolution,
        window: body.data.window,
        generatedAt: body.meta.generatedAt,
        annotations: body.data.annotations,
        navigator,
        previous: previousAnswer
          ? {
              points: previousAnswer.data.points,
              resolution: previousAnswer.meta.resolution ?? resolution,
              window: previousWindow,
            }
          : undefined,
      }),
    [
      segmentId,
      body.data,
      body.meta.generatedAt,
      points,
      resolution,
      navigator,
      previousAnswer,
      previousWindow,
    ],
  );

  if (points.length === 0)
    return <p className="chart-placeholder">No data from this segment in this window.</p>;
  return (
    <DrillChart
      zoom={zoom}
      quality={body.quality.state}
      what="the segment chart"
      seriesName="segment series"
      level="segment"
      current={current}
      options={options}
      onZoom={onZoom}
      label={`Requests, latency and errors of ${body.data.segment.name}`}
    >
      {compare && previous.error && (
        <ErrorMessage error={previous.error} what="The previous period's segment series" />
      )}
    </DrillChart>
  );
}
