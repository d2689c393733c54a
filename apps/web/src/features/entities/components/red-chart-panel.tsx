import { useMemo } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { StockChart } from '../../../components/stock-chart.tsx';
import { UnsafeGuard } from '../../../components/unsafe-guard.tsx';
import { useSeries } from '../../../lib/get-series.ts';
import { resolveWindow, type Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
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
  const zoomed = view.nav !== undefined;
  const main = useSeries(
    { scope: 'entity', id: entityId },
    zoomed ? view.window : undefined,
    ENTITY_METRICS,
  );
  const outer = useSeries({ scope: 'entity', id: entityId }, view.nav, ENTITY_METRICS);
  const resolution = (zoomed ? main.data?.meta.resolution : null) ?? body.meta.resolution ?? '1m';
  const points = (zoomed ? main.data?.data.points : null) ?? body.data.series;
  const navPoints = (zoomed ? outer.data?.data.points : null) ?? body.data.series;
  const navResolution =
    (zoomed ? outer.data?.meta.resolution : null) ?? body.meta.resolution ?? '1m';
  const { from: navFrom, to: navTo } = view.nav
    ? resolveWindow(view.nav, outer.dataUpdatedAt || body.meta.generatedAt)
    : body.data.window;

  const options = useMemo(
    () =>
      buildRedChartOptions({
        entityId,
        points,
        resolution,
        window: body.data.window,
        annotations: body.data.annotations,
        navigator: {
          points: navPoints,
          resolution: navResolution,
          window: { from: navFrom, to: navTo },
        },
      }),
    [
      entityId,
      points,
      resolution,
      body.data.window,
      body.data.annotations,
      navPoints,
      navResolution,
      navFrom,
      navTo,
    ],
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
