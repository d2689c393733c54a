import { lazy, Suspense } from 'react';
import type { Options } from 'highcharts';
import { formatClockSeconds } from '../lib/format.ts';
import type { DrillLevel } from '../lib/paths.ts';
import { useStaleness } from '../lib/use-staleness.ts';
import type { Bounds } from '../lib/time-window.ts';

// Highstock and its modules are the largest dependency: they load with the first chart, so
// tables, figures and the quality banner never wait for them.
const StockChartCanvas = lazy(() =>
  import('./stock-chart-canvas.tsx').then((module) => ({ default: module.StockChartCanvas })),
);

export interface StockChartProps {
  /** Built by a pure option builder; the component adds only behaviour. */
  options: Options;
  /** A zoom, navigator move or range button chose a window; null means "back to all of it". */
  onZoom?: (zoom: Bounds | null) => void;
  /** Marks the drill-down level as painted once this chart has drawn (click-to-paint timing). */
  paintLevel?: DrillLevel;
  /** Names the chart for assistive technology and tests. */
  label: string;
}

/**
 * A Highstock chart, marked stale in words and look whenever the screen is stale: a chart that
 * stopped moving must not pass for a live one.
 */
export function StockChart(props: StockChartProps) {
  const staleness = useStaleness();
  const stale = staleness.state === 'stale';
  const height = typeof props.options.chart?.height === 'number' ? props.options.chart.height : 300;
  return (
    <div className={stale ? 'chart-frame chart-frame--stale' : 'chart-frame'} data-stale={stale}>
      {stale && (
        <p className="chart-frame__stale">
          <span aria-hidden="true">⚠ </span>Stale chart: last updated{' '}
          {formatClockSeconds(staleness.since)}, not current
        </p>
      )}
      <Suspense
        fallback={
          <div className="chart-loading" style={{ height }} aria-busy="true">
            Loading chart…
          </div>
        }
      >
        <StockChartCanvas {...props} />
      </Suspense>
    </div>
  );
}
