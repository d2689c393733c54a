import { lazy, Suspense } from 'react';
import type { Options } from 'highcharts';
import type { DrillLevel } from '../lib/paths.ts';
import type { Bounds } from '../lib/time-window.ts';

// Highstock and its modules are the largest dependency: they load with the first chart, so
// tables, figures and the quality banner never wait for them.
const StockChartCanvas = lazy(() => import('./stock-chart-canvas.tsx').then((module) => ({ default: module.StockChartCanvas })));

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

export function StockChart(props: StockChartProps) {
  const height = typeof props.options.chart?.height === 'number' ? props.options.chart.height : 300;
  return (
    <Suspense fallback={<div className="chart-loading" style={{ height }} aria-busy="true">Loading chart…</div>}>
      <StockChartCanvas {...props} />
    </Suspense>
  );
}
