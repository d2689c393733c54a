import { lazy, Suspense, useCallback, useRef, type RefObject } from 'react';
import type { Chart, Options } from 'highcharts';
import type { ExportKind } from '../lib/charts/chart-export.ts';
import { formatClockSeconds } from '../lib/format.ts';
import type { DrillLevel } from '../lib/paths.ts';
import { useStaleness } from '../lib/use-staleness.ts';
import type { Bounds } from '../lib/time-window.ts';
import { ChartExportMenu } from './chart-export-menu.tsx';

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

export interface StockChartCanvasProps extends StockChartProps {
  /** Set to the drawn chart, so the export menu outside the lazy canvas can reach it. */
  chartRef: RefObject<Chart | null>;
}

/**
 * A Highstock chart, marked stale in words and look whenever the screen is stale: a chart that
 * stopped moving must not pass for a live one.
 */
export function StockChart(props: StockChartProps) {
  const staleness = useStaleness();
  const stale = staleness.state === 'stale';
  const { options, label } = props;
  const height = typeof options.chart?.height === 'number' ? options.chart.height : 300;
  const chartRef = useRef<Chart | null>(null);
  const exporting = options.exporting;
  const onExport = useCallback(
    async (kind: ExportKind) => {
      const chart = chartRef.current;
      if (!chart) throw new Error('the chart is not drawn yet');
      const { exportChart } = await import('../lib/charts/chart-export.ts');
      await exportChart(chart, exporting, kind);
    },
    [exporting],
  );
  return (
    <div className={stale ? 'chart-frame chart-frame--stale' : 'chart-frame'} data-stale={stale}>
      {stale && (
        <p className="chart-frame__stale">
          <span aria-hidden="true">⚠ </span>Stale chart: last updated{' '}
          {formatClockSeconds(staleness.since)}, not current
        </p>
      )}
      {/* The accessibility module owns the chart container's role and label, so the name sits
          here; the export row is here too, so the page does not move when the chart arrives. */}
      <div
        role="figure"
        aria-label={label}
        className="stock-chart"
        data-resolution-label={
          typeof options.subtitle?.text === 'string' ? options.subtitle.text : undefined
        }
      >
        {exporting?.enabled !== false && <ChartExportMenu chartName={label} onExport={onExport} />}
        <Suspense
          fallback={
            <div className="chart-loading" style={{ height }} aria-busy="true">
              Loading chart…
            </div>
          }
        >
          <StockChartCanvas {...props} chartRef={chartRef} />
        </Suspense>
      </div>
    </div>
  );
}
