import Highcharts from 'highcharts/highstock';
// Modules attach themselves to the Highstock instance loaded just above; order matters.
import 'highcharts/modules/accessibility';
// The named export: the package's default export arrives as a module object through CommonJS interop.
import { HighchartsReact } from 'highcharts-react-official';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { themeChartOptions } from '../lib/charts/chart-theme.ts';
import { destroyWhenIdle } from '../lib/charts/destroy-when-idle.ts';
import type { SyncChart } from '../lib/charts/crosshair-sync.ts';
import { withLegendVisibility } from '../lib/charts/legend-visibility.ts';
import { withScreenReaderHeading } from '../lib/charts/screen-reader-heading.ts';
import { useCrosshairGroup } from '../lib/charts/use-crosshair-group.ts';
import { useHiddenSeries } from '../lib/charts/use-hidden-series.ts';
import { needsBoost } from '../lib/charts/stock-options.ts';
import { useChartPalette } from '../lib/charts/use-chart-palette.ts';
import { markPainted } from '../lib/perf-marks.ts';
import { letOptionsSetExtremes } from './option-extremes.ts';
import type { StockChartCanvasProps, StockChartProps } from './stock-chart.tsx';

Highcharts.setOptions({ lang: { thousandsSep: ',' } });

interface ExtremesEvent {
  trigger?: string;
  min: number;
  max: number;
  userMin?: number;
  userMax?: number;
  rangeSelectorButton?: { type?: string };
}

/** Highstock with the zoom wiring: only user-made extreme changes are reported, never our own updates. */
export function StockChartCanvas({
  options,
  label,
  onZoom,
  paintLevel,
  chartRef,
}: StockChartCanvasProps) {
  const onZoomRef = useRef(onZoom);
  useEffect(() => {
    onZoomRef.current = onZoom;
  }, [onZoom]);

  const crosshair = useCrosshairGroup();
  const attach = useCallback(
    (chart: Highcharts.Chart) => {
      // An export draws a copy of the chart with the same callback, then destroys it: the copy
      // must not become the chart the page exports, hovers or zooms.
      if (chart.renderer.forExport) return;
      chartRef.current = chart;
      const stopFollowing = followCrosshair(chart, crosshair);
      letOptionsSetExtremes(chart);
      reportZooms(chart, onZoomRef);
      // A chart leaving the page stops answering the other charts' crosshair now; its
      // teardown waits for the browser's next idle moment, out of the click that replaced it.
      destroyWhenIdle(chart, stopFollowing);
    },
    [crosshair, chartRef],
  );

  // The boost module (WebGL) is fetched only when a series is long enough to need it.
  const boost = needsBoost(options);
  const [boostLoaded, setBoostLoaded] = useState(false);
  useEffect(() => {
    if (boost && !boostLoaded)
      void import('highcharts/modules/boost').then(() => setBoostLoaded(true));
  }, [boost, boostLoaded]);
  const ready = !boost || boostLoaded;

  // The page's light or dark palette over the chart's chrome.
  const { scheme, palette } = useChartPalette();
  // Series hidden through a legend stay hidden in the URL (`hide=`), across reloads and links.
  const { hidden, toggle } = useHiddenSeries();
  const themed = useMemo(
    () =>
      withScreenReaderHeading(
        withLegendVisibility(themeChartOptions(options, palette), hidden, toggle),
        label,
      ),
    [options, palette, hidden, toggle, label],
  );

  useEffect(() => {
    if (paintLevel && ready) markPainted(paintLevel);
  }, [options, paintLevel, ready]);

  if (!ready)
    return (
      <div
        className="chart-loading"
        style={{ height: typeof options.chart?.height === 'number' ? options.chart.height : 300 }}
      >
        Preparing a large chart…
      </div>
    );
  return (
    <HighchartsReact
      // A new palette draws the chart afresh, so no part keeps colours an in-place update missed.
      key={scheme}
      highcharts={Highcharts}
      constructorType="stockChart"
      options={themed}
      callback={attach}
    />
  );
}

/** Reports the zooms the reader makes; extremes set from options (a new window from the URL) carry no trigger. */
function reportZooms(
  chart: Highcharts.Chart,
  onZoomRef: { readonly current: StockChartProps['onZoom'] },
): void {
  const axis = chart.xAxis[0];
  if (!axis) return;
  Highcharts.addEvent(axis, 'afterSetExtremes', (event: ExtremesEvent) => {
    if (!event.trigger || !onZoomRef.current) return;
    const all =
      event.rangeSelectorButton?.type === 'all' ||
      (event.trigger === 'zoom' && event.userMin === undefined && event.userMax === undefined);
    onZoomRef.current(all ? null : { from: Math.round(event.min), to: Math.round(event.max) });
  });
}

/**
 * Hovering this chart moves the crosshair and tooltip of the page's other charts to the same time;
 * leaving it lets them go. Returns how the chart leaves the group (a new palette, unmount); it
 * leaves at the latest when destroyed.
 */
function followCrosshair(
  chart: Highcharts.Chart,
  group: ReturnType<typeof useCrosshairGroup>,
): () => void {
  // Highcharts' chart, axis and point classes carry more than the group needs; it reads only these.
  const synced = chart as unknown as SyncChart;
  const leaveGroup = group.join(synced);
  const onMove = (event: MouseEvent) => {
    const axis = chart.xAxis[0];
    if (!axis) return;
    const { chartX } = chart.pointer.normalize(event);
    group.follow(synced, axis.toValue(chartX));
  };
  const onLeave = () => group.leave(synced);
  chart.container.addEventListener('mousemove', onMove);
  chart.container.addEventListener('mouseleave', onLeave);
  let following = true;
  const stop = () => {
    if (!following) return;
    following = false;
    leaveGroup();
    chart.container?.removeEventListener('mousemove', onMove);
    chart.container?.removeEventListener('mouseleave', onLeave);
  };
  Highcharts.addEvent(chart, 'destroy', stop);
  return stop;
}
