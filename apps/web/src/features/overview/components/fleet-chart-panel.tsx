import { useMemo } from 'react';
import type { SeriesMetric } from '@watchfloor/shared/drilldown';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { StockChart } from '../../../components/stock-chart.tsx';
import { UnsafeGuard } from '../../../components/unsafe-guard.tsx';
import type { Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useZoomedSeries } from '../../../lib/use-zoomed-series.ts';
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
  const { zoomed, main, outer, points, resolution, navigator } = useZoomedSeries(
    { scope: 'fleet' },
    view,
    FLEET_METRICS,
    {
      points: body.data.fleet.series,
      resolution: body.meta.resolution,
      window: body.data.window,
      generatedAt: body.meta.generatedAt,
    },
  );

  const options = useMemo(
    () =>
      buildFleetChartOptions({
        points,
        resolution,
        window: body.data.window,
        annotations: body.data.annotations,
        navigator,
      }),
    [points, resolution, body.data.window, body.data.annotations, navigator],
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
