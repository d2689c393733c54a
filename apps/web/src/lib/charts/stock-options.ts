import type {
  Options,
  RangeSelectorButtonsOptions,
  SeriesLineOptions,
  XAxisPlotBandsOptions,
  YAxisOptions,
} from 'highcharts';
import { RESOLUTION_LABELS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Bounds } from '../time-window.ts';
import { exportLabels } from './export-labels.ts';
import type { XY } from './series-data.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The 24-hour clock everywhere; the whole screen speaks UTC, quality reasons included. */
export const CLOCK_LABELS = {
  minute: '%H:%M',
  hour: '%H:%M',
  day: '%e %b',
  week: '%e %b',
  month: '%b %Y',
};

/** Series longer than this are drawn by the boost module (WebGL) instead of SVG paths. */
export const BOOST_THRESHOLD = 2_000;

export const PALETTE = {
  rate: '#2563eb',
  errors: '#c62828',
  p50: '#0f766e',
  p95: '#7c3aed',
  p99: '#b45309',
  previous: '#94a3b8',
  gauge: '#0e7490',
} as const;

const ZOOM_BUTTONS: { ms: number; button: RangeSelectorButtonsOptions }[] = [
  { ms: 15 * MINUTE, button: { type: 'minute', count: 15, text: '15m' } },
  { ms: HOUR, button: { type: 'hour', count: 1, text: '1h' } },
  { ms: 6 * HOUR, button: { type: 'hour', count: 6, text: '6h' } },
  { ms: DAY, button: { type: 'day', count: 1, text: '1d' } },
  { ms: 7 * DAY, button: { type: 'day', count: 7, text: '7d' } },
];

/** Zoom buttons shorter than the navigator's span, then "All" to zoom back out. */
export function zoomButtons(span: number): RangeSelectorButtonsOptions[] {
  return [
    ...ZOOM_BUTTONS.filter((b) => b.ms < span * 0.9).map((b) => b.button),
    { type: 'all', text: 'All' },
  ];
}

export interface StockFrame {
  /** Resolution of the drawn (main) series, labelled on the chart. */
  resolution: Resolution;
  /** The visible window: the page window. */
  window: Bounds;
  /** The navigator's whole range; the window itself when not zoomed. */
  navWindow: Bounds;
  /** The coarse whole-range series the navigator keeps while the main series is refetched. */
  navigatorData: XY[];
  height: number;
  /** Screen-reader summary of what the chart shows. */
  description: string;
  /** File name of PNG and CSV exports, before the window is added to it. */
  exportName: string;
  /** Title of an exported image: the scope and what it shows ("Segment checkout — error rate"). */
  exportTitle: string;
  /** Shaded bands, e.g. partial buckets. */
  plotBands?: XAxisPlotBandsOptions[];
  navigator?: boolean;
}

/**
 * Highstock options every chart shares: the server picks the resolution, so client-side data
 * grouping is off and the resolution is written on the chart; PNG/CSV export runs in the
 * browser only (no export server); the navigator is fed its own coarse series so a zoom can
 * replace the main series with finer buckets without losing the overview.
 */
export function stockFrame(frame: StockFrame): Options {
  const showNavigator = frame.navigator !== false;
  const navigatorSeries: SeriesLineOptions = {
    type: 'line',
    data: frame.navigatorData,
    color: '#64748b',
    lineWidth: 1,
    includeInDataExport: false,
    dataGrouping: { enabled: false },
  };
  return {
    chart: {
      height: frame.height,
      animation: false,
      spacingTop: 6,
      spacingLeft: 4,
      zooming: { type: 'x', resetButton: { position: { align: 'right', x: -40, y: 4 } } },
      panning: { enabled: false },
      style: { fontFamily: 'inherit' },
    },
    time: { timezone: 'UTC' },
    title: { text: undefined },
    subtitle: {
      text: RESOLUTION_LABELS[frame.resolution],
      align: 'right',
      verticalAlign: 'top',
      x: -40,
      y: 14,
      style: { fontSize: '12px' },
    },
    credits: { enabled: false },
    accessibility: {
      enabled: true,
      description: `${frame.description} Shown in ${RESOLUTION_LABELS[frame.resolution]}. Missing buckets are gaps, not zeros; dotted segments are partial buckets that may still change.`,
    },
    rangeSelector: showNavigator
      ? {
          enabled: true,
          inputEnabled: false,
          buttons: zoomButtons(frame.navWindow.to - frame.navWindow.from),
          allButtonsEnabled: true,
          buttonTheme: { width: 34 },
        }
      : { enabled: false },
    navigator: showNavigator
      ? {
          enabled: true,
          height: 32,
          adaptToUpdatedData: false,
          series: navigatorSeries,
          xAxis: {
            min: frame.navWindow.from,
            max: frame.navWindow.to,
            dateTimeLabelFormats: CLOCK_LABELS,
          },
        }
      : { enabled: false },
    scrollbar: { enabled: false, liveRedraw: false },
    legend: {
      enabled: true,
      align: 'left',
      verticalAlign: 'top',
      y: -6,
      itemStyle: { fontWeight: '500' },
    },
    tooltip: { shared: true, split: false, xDateFormat: '%Y-%m-%d %H:%M UTC' },
    xAxis: {
      min: frame.window.from,
      max: frame.window.to,
      // A thin line at the hovered time; the page's other charts draw theirs at the same time.
      crosshair: { width: 1, snap: true },
      ordinal: false,
      minRange: 5 * MINUTE,
      dateTimeLabelFormats: CLOCK_LABELS,
      plotBands: frame.plotBands ?? [],
    },
    plotOptions: {
      series: {
        dataGrouping: { enabled: false },
        connectNulls: false,
        animation: false,
        marker: { enabled: false },
        boostThreshold: BOOST_THRESHOLD,
        states: { inactive: { opacity: 0.6 } },
      },
      // Square tops: on columns a few pixels wide the default rounding is barely visible, and each
      // rounded column is a path the browser must compute instead of a plain rectangle.
      column: { pointPadding: 0, groupPadding: 0, borderWidth: 0, borderRadius: 0 },
    },
    exporting: {
      enabled: true,
      fallbackToExportServer: false,
      ...exportLabels(frame.exportTitle, frame.exportName, frame.window),
      sourceWidth: 1200,
      csv: { dateFormat: '%Y-%m-%dT%H:%M:%SZ' },
    },
  };
}

/**
 * A chart of one value axis that follows the page's window instead of zooming within its own, so
 * it has no navigator.
 */
export function singleAxisFrame(
  frame: Omit<StockFrame, 'navWindow' | 'navigatorData' | 'navigator'>,
  axisTitle: string,
): Options {
  return {
    ...stockFrame({ ...frame, navWindow: frame.window, navigatorData: [], navigator: false }),
    yAxis: [{ ...paneAxis(axisTitle, undefined, true), tickPixelInterval: 50 }],
  };
}

/**
 * A value axis for one pane. Panes are short, so ticks are packed closer than Highcharts'
 * default and the top label is kept: an axis showing only "0" tells the reader nothing.
 */
export function paneAxis(
  title: string,
  pane: { top: string; height: string } | undefined,
  first = false,
): YAxisOptions {
  return {
    title: { text: title },
    ...pane,
    min: 0,
    opposite: false,
    lineWidth: 1,
    tickPixelInterval: 28,
    showLastLabel: true,
    labels: { align: 'right', x: -6, y: 4 },
    ...(first ? {} : { offset: 0 }),
  };
}

/** Stacked panes sharing one time axis: heights in percent, with a small gap between panes. */
export function panes(heights: readonly number[], gap = 3): { top: string; height: string }[] {
  let top = 0;
  return heights.map((height, i) => {
    const pane = { top: `${top}%`, height: `${height - (i < heights.length - 1 ? gap : 0)}%` };
    top += height;
    return pane;
  });
}

/**
 * Whether any series is long enough for the boost module. The server caps a series at about
 * 1,500 buckets, so this is rare; loading the module only then keeps it off the first page.
 */
export function needsBoost(options: Options): boolean {
  return (options.series ?? []).some((series) => {
    const data = 'data' in series ? series.data : undefined;
    return Array.isArray(data) && data.length > BOOST_THRESHOLD;
  });
}
