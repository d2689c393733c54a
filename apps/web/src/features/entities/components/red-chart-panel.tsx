import { useMemo } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { StockChart } from '../../../components/stock-chart.tsx';
import { UnsafeGuard } from '../../../components/unsafe-guard.tsx';
import type { Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useZoomedSeries } from '../../../lib/use-zoomed-series.ts';
import { ENTITY_METRICS, type EntityResponse } from '../api/get-entity.ts';
import { buildRedChartOptions } from '../charts/red-chart-options.ts';

interface Props {
  body: EntityResponse;
  view: DrillView;
  onZoom: (zoom: Bounds | null) => void;
  current: boolean;
}

/** RED charts of one entity; zoomed, the visible window loads finer buckets while the navigator keeps the outer window. */
export function RedChartPanel({ body, view, onZoom, current }: Props) {
  const entityId = body.data.entity.id;
  const { zoomed, main, outer, points, resolution, navigator } = useZoomedSeries(
    { scope: 'entity', id: entityId },
    view,
    ENTITY_METRICS,
    {
      points: body.data.series,
      resolution: body.meta.resolution,
      window: body.data.window,
      generatedAt: body.meta.generatedAt,
    },
  );

  const options = useMemo(
    () =>
      buildRedChartOptions({
        entityId,
        points,
        resolution,
        window: body.data.window,
        annotations: body.data.annotations,
        navigator,
      }),
    [entityId, points, resolution, body.data.window, body.data.annotations, navigator],
  );

  if (points.length === 0)
    return <p className="chart-placeholder">No data from this entity in this window.</p>;
  return (
    <UnsafeGuard state={body.quality.state} what="the RED chart">
      {main.error && <ErrorMessage error={main.error} what="The zoomed series" />}
      {outer.error && <ErrorMessage error={outer.error} what="The navigator's series" />}
      <StockChart
        options={options}
        onZoom={onZoom}
        paintLevel={current && (!zoomed || main.isSuccess) ? 'entity' : undefined}
        label={`Rate, errors and latency of ${entityId}`}
      />
    </UnsafeGuard>
  );
}
