import { useMemo } from 'react';
import { StockChart } from '../../../components/stock-chart.tsx';
import { UnsafeGuard } from '../../../components/unsafe-guard.tsx';
import { useSeries } from '../../../lib/get-series.ts';
import type { Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { ENTITY_METRICS, type EntityResponse } from '../api/get-entity.ts';
import { buildGaugeChartOptions } from '../charts/gauge-chart-options.ts';

/** The gauge of an entity that reports one, on the same window as the RED charts. */
export function GaugeChartPanel({
  body,
  view,
  onZoom,
}: {
  body: EntityResponse;
  view: DrillView;
  onZoom: (zoom: Bounds | null) => void;
}) {
  const entityId = body.data.entity.id;
  const zoomed = view.nav !== undefined;
  // Same key as the RED panel's zoom query: one request serves both panels.
  const main = useSeries(
    { scope: 'entity', id: entityId },
    zoomed ? view.window : undefined,
    ENTITY_METRICS,
  );
  const resolution = (zoomed ? main.data?.meta.resolution : null) ?? body.meta.resolution ?? '1m';
  const points = (zoomed ? main.data?.data.points : null) ?? body.data.series;
  const options = useMemo(
    () =>
      buildGaugeChartOptions({
        entityId,
        points,
        resolution,
        window: body.data.window,
        generatedAt: body.meta.generatedAt,
      }),
    [entityId, points, resolution, body.data.window, body.meta.generatedAt],
  );
  if (!points.some((p) => p.gaugeAvg !== null))
    return <p className="chart-placeholder">No gauge readings in this window.</p>;
  return (
    <UnsafeGuard state={body.quality.state} what="the gauge chart">
      <StockChart options={options} onZoom={onZoom} label={`Gauge of ${entityId}`} />
    </UnsafeGuard>
  );
}
