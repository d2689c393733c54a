import type {
  Options,
  SeriesColumnOptions,
  SeriesFlagsOptions,
  SeriesLineOptions,
} from 'highcharts';
import type { Annotation } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Bounds } from '../time-window.ts';
import { annotationBands, bandLegendSeries } from './annotation-bands.ts';
import { annotationFlags } from './annotation-flags.ts';
import {
  firstUnsettledTs,
  openBucketTooltip,
  openBucketTs,
  unsettledLineZones,
} from './open-bucket.ts';
import {
  columnPoints,
  partialBand,
  partialColumnZones,
  withGaps,
  type Bucketed,
} from './series-data.ts';
import { PALETTE, paneAxis, panes, stockFrame } from './stock-options.ts';

/** A bucket the RED panes can draw: a rate, an error count, and whatever latencies it carries. */
export interface RedBucket extends Bucketed {
  ratePerSecond: number;
  errors: number;
}

/** One line in a pane, dotted from the first partial bucket like every other line. */
export interface RedLine<T> {
  kind: 'line';
  id: string;
  name: string;
  color: string;
  value: (point: T) => number | null;
  suffix: string;
  decimals: number;
}

/** The error count as columns: a gap has no column, partial buckets are pale. */
export interface RedErrorColumns {
  kind: 'errors';
}

export interface RedPane<T> {
  /** Title of the pane's value axis. */
  axis: string;
  /** Share of the plot height in percent; the panes of a chart add up to 100. */
  height: number;
  series: readonly (RedLine<T> | RedErrorColumns)[];
}

export interface RedChartData<T extends RedBucket> {
  /** Buckets of the visible window, at its resolution. */
  points: readonly T[];
  resolution: Resolution;
  window: Bounds;
  /** When the answer was made (its meta.generatedAt): with the window's end, it says which bucket is still open. */
  generatedAt?: number;
  /** The navigator's coarse whole-range series (the same as `points` when not zoomed). */
  navigator: { points: readonly T[]; resolution: Resolution; window: Bounds };
  /**
   * Changes, alerts and control actions in the window: instants flagged on the rate line, ranges
   * (alert episodes, changes with an end) as bands across every pane.
   */
  annotations: readonly Annotation[];
}

export interface RedChartLayout<T> {
  /** Top to bottom; a series is drawn against the axis of the pane that lists it. */
  panes: readonly RedPane<T>[];
  height: number;
  description: string;
  exportName: string;
  /** Title of an exported image: the scope and what it shows. */
  exportTitle: string;
  /** Legend name of the flags, when they stand for less than every kind of annotation. */
  flagsName?: string;
  /** Drawn after the panes' own series and before the flags, e.g. a previous period. */
  extraSeries?: readonly SeriesLineOptions[];
}

/** Requests per second, the line the flags stand on and the navigator shows. */
export function rateLine(decimals: number): RedLine<RedBucket> {
  return {
    kind: 'line',
    id: 'rate',
    name: 'Requests per second',
    color: PALETTE.rate,
    value: (p) => p.ratePerSecond,
    suffix: ' /s',
    decimals,
  };
}

type Percentile = 'p50' | 'p95' | 'p99';

/** One latency percentile in whole milliseconds; a bucket without latency is a gap. */
export function latencyLine<P extends Percentile>(
  percentile: P,
): RedLine<Record<`${P}Ms`, number | null>> {
  const key: `${P}Ms` = `${percentile}Ms`;
  return {
    kind: 'line',
    id: percentile,
    name: `${percentile} latency`,
    color: PALETTE[percentile],
    value: (p) => p[key],
    suffix: ' ms',
    decimals: 0,
  };
}

export const ERROR_COLUMNS: RedErrorColumns = { kind: 'errors' };

/** How an error count reads in a tooltip, on the columns and on any line compared with them. */
export const ERROR_TOOLTIP = { valueDecimals: 0, valueSuffix: ' errors' } as const;

/** Rate, p95 latency and errors, a pane each (heights in percent): the fleet's and a segment's layout. */
export function rateP95ErrorPanes(
  heights: readonly [number, number, number],
  rateDecimals = 2,
): RedPane<RedBucket & Record<'p95Ms', number | null>>[] {
  const [rate, p95, errors] = heights;
  return [
    { axis: 'req/s', height: rate, series: [rateLine(rateDecimals)] },
    { axis: 'p95 ms', height: p95, series: [latencyLine('p95')] },
    { axis: 'errors', height: errors, series: [ERROR_COLUMNS] },
  ];
}

/**
 * Rate, errors and duration in stacked panes on one time axis, as the fleet, segment and entity
 * charts draw them: the same partial-bucket styling, navigator, flags and bands at every drill-down
 * level.
 */
export function buildRedPaneOptions<T extends RedBucket>(
  data: RedChartData<T>,
  layout: RedChartLayout<T>,
): Options {
  const openTs = openBucketTs(data.points, data.resolution, data.window, data.generatedAt);
  const firstPartial = firstUnsettledTs(data.points, openTs);
  const zones = unsettledLineZones(data.points, firstPartial);
  const paneBoxes = panes(layout.panes.map((pane) => pane.height));
  const series: (SeriesLineOptions | SeriesColumnOptions | SeriesFlagsOptions)[] =
    layout.panes.flatMap((pane, yAxis) =>
      pane.series.map((spec): SeriesLineOptions | SeriesColumnOptions =>
        spec.kind === 'errors'
          ? {
              type: 'column',
              id: 'errors',
              name: 'Errors',
              yAxis,
              color: PALETTE.errors,
              zoneAxis: 'x',
              zones: partialColumnZones(firstPartial, PALETTE.errors),
              data: columnPoints(data.points, (p) => p.errors, openTs),
              tooltip: ERROR_TOOLTIP,
            }
          : {
              type: 'line',
              id: spec.id,
              name: spec.name,
              yAxis,
              color: spec.color,
              zoneAxis: 'x',
              zones,
              data: withGaps(data.points, data.resolution, spec.value),
              tooltip: { valueDecimals: spec.decimals, valueSuffix: spec.suffix },
            },
      ),
    );
  series.push(...(layout.extraSeries ?? []));
  const flags = annotationFlags(
    data.annotations,
    data.window,
    'rate',
    data.points.at(-1)?.ts ?? null,
    layout.flagsName,
  );
  if (flags) series.push(flags);
  const bands = annotationBands(data.annotations, data.window);
  if (bands.length > 0) series.push(...bandLegendSeries(data.annotations, data.window));
  const frame = stockFrame({
    resolution: data.resolution,
    window: data.window,
    navWindow: data.navigator.window,
    navigatorData: withGaps(
      data.navigator.points,
      data.navigator.resolution,
      (p) => p.ratePerSecond,
    ),
    height: layout.height,
    description: layout.description,
    exportName: layout.exportName,
    exportTitle: layout.exportTitle,
    plotBands: [...bands, ...partialBand(firstPartial, data.window.to)],
  });
  const formatter = openBucketTooltip(openTs, data.resolution);
  return {
    ...frame,
    ...(formatter ? { tooltip: { ...frame.tooltip, formatter } } : {}),
    yAxis: layout.panes.map((pane, i) => {
      const axis = paneAxis(pane.axis, paneBoxes[i], i === 0);
      // Headroom above the top pane's line, so a flag pinned to it and the band labels stay inside
      // the plot instead of being cut off at its top.
      return i === 0 && (flags || bands.length > 0) ? { ...axis, maxPadding: 0.35 } : axis;
    }),
    series,
  };
}
