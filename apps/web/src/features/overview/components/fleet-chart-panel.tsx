import { useMemo } from 'react';
import type { SeriesMetric } from '@watchfloor/shared/drilldown';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { StockChart } from '../../../components/stock-chart.tsx';
import { UnsafeGuard } from '../../../components/unsafe-guard.tsx';
import { useSeries } from '../../../lib/get-series.ts';
import { resolveWindow, type Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import type { OverviewResponse } from '../api/get-overview.ts';
import { buildFleetChartOptions } from '../charts/fleet-chart-options.ts';

const FLEET_METRICS: readonly SeriesMetric[] = ['rate', 'errors', 'p95'];

interface Props {
  body: OverviewResponse;
  view: DrillView;
  onZoom: (zoom: Bounds | null) => void;
  /** True once the answer is for this window (not a placeholder), so the paint can be timed. */
  current: boolean;
}

/**
 * The fleet chart. Unzoomed, it draws the overview's own series; zoomed, the visible window is
 * loaded at its finer resolution while the navigator keeps the coarse outer window.
 */
export function FleetChartPanel({ body, view, onZoom, current }: Props) {
  const zoomed = view.nav !== undefined;
  const main = useSeries({ scope: 'fleet' }, zoomed ? view.window : undefined, FLEET_METRICS);
  const outer = useSeries({ scope: 'fleet' }, view.nav, FLEET_METRICS);
  const resolution = (zoomed ? main.data?.meta.resolution : null) ?? body.meta.resolution ?? '1m';
  const points = (zoomed ? main.data?.data.points : null) ?? body.data.fleet.series;
  const navPoints = (zoomed ? outer.data?.data.points : null) ?? body.data.fleet.series;
  const navResolution =
    (zoomed ? outer.data?.meta.resolution : null) ?? body.meta.resolution ?? '1m';
  const navWindow = view.nav
    ? resolveWindow(view.nav, outer.dataUpdatedAt || body.meta.generatedAt)
    : body.data.window;

  const { from: navFrom, to: navTo } = navWindow;
  // Keyed on the bounds, not the derived object, so the chart is not rebuilt on every render.
  const options = useMemo(
    () =>
      buildFleetChartOptions({
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

  if (body.data.fleet.series.length === 0 && points.length === 0)
    return <p className="chart-placeholder">No fleet data in this window.</p>;
  return (
    <UnsafeGuard state={body.quality.state} what="the fleet chart">
      {main.error && <ErrorMessage error={main.error} what="The zoomed fleet series" />}
      {outer.error && <ErrorMessage error={outer.error} what="The navigator's fleet series" />}
      <StockChart
        options={options}
        onZoom={onZoom}
        paintLevel={current && (!zoomed || main.isSuccess) ? 'overview' : undefined}
        label="Fleet requests, latency and errors"
      />
    </UnsafeGuard>
  );
}
