import { useMemo } from 'react';
import type { SeriesMetric } from '@watchfloor/shared/drilldown';
import { DrillChart } from '../../../components/drill-chart.tsx';
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
  const zoom = useZoomedSeries(
    { scope: 'fleet' },
    view,
    FLEET_METRICS,
    body,
    body.data.fleet.series,
  );
  const { points, resolution, navigator } = zoom;

  const options = useMemo(
    () =>
      buildFleetChartOptions({
        points,
        resolution,
        window: body.data.window,
        generatedAt: body.meta.generatedAt,
        annotations: body.data.annotations,
        navigator,
      }),
    [points, resolution, body.data.window, body.meta.generatedAt, body.data.annotations, navigator],
  );

  if (body.data.fleet.series.length === 0 && points.length === 0)
    return <p className="chart-placeholder">No fleet data in this window.</p>;
  return (
    <DrillChart
      zoom={zoom}
      quality={body.quality.state}
      what="the fleet chart"
      seriesName="fleet series"
      level="overview"
      current={current}
      options={options}
      onZoom={onZoom}
      label="Fleet requests, latency and errors"
    />
  );
}
