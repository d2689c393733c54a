import type {
  Options,
  SeriesColumnOptions,
  SeriesFlagsOptions,
  SeriesLineOptions,
} from 'highcharts';
import type { Annotation, SeriesPoint } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import { annotationFlags } from '../../../lib/charts/annotation-flags.ts';
import {
  columnPoints,
  firstPartialTs,
  partialBand,
  partialColumnZones,
  partialZones,
  withGaps,
} from '../../../lib/charts/series-data.ts';
import { PALETTE, paneAxis, panes, stockFrame } from '../../../lib/charts/stock-options.ts';
import type { Bounds } from '../../../lib/time-window.ts';

export interface SegmentChartInput {
  segmentName: string;
  segmentId: string;
  points: readonly SeriesPoint[];
  resolution: Resolution;
  window: Bounds;
  navigator: { points: readonly SeriesPoint[]; resolution: Resolution; window: Bounds };
  /** The preceding window of equal length, drawn shifted onto this one when comparing; read on its own, so at its own resolution. */
  previous?: { points: readonly SeriesPoint[]; resolution: Resolution; window: Bounds };
  /** Deploys, alerts and control actions in the segment, flagged on the rate line. */
  annotations: readonly Annotation[];
}

/** The previous period moved forward by its own length, so the same minute lines up. */
export function shiftPrevious(
  points: readonly SeriesPoint[],
  previousWindow: Bounds,
  window: Bounds,
): SeriesPoint[] {
  const shift = window.from - previousWindow.from;
  return points.map((point) => ({ ...point, ts: point.ts + shift }));
}

/**
 * Segment rate, p95 and errors on one time axis, with deploys, alerts and actions flagged on the rate
 * line; with comparison, the previous period in grey dashes.
 */
export function buildSegmentChartOptions(input: SegmentChartInput): Options {
  const firstPartial = firstPartialTs(input.points);
  const zones = partialZones(firstPartial);
  const [ratePane, p95Pane, errorPane] = panes([38, 32, 30]);
  const line = (
    id: string,
    name: string,
    yAxis: number,
    color: string,
    value: (p: SeriesPoint) => number | null,
    suffix: string,
    decimals: number,
  ): SeriesLineOptions => ({
    type: 'line',
    id,
    name,
    yAxis,
    color,
    zoneAxis: 'x',
    zones,
    data: withGaps(input.points, input.resolution, value),
    tooltip: { valueDecimals: decimals, valueSuffix: suffix },
  });
  const series: (SeriesLineOptions | SeriesColumnOptions | SeriesFlagsOptions)[] = [
    line('rate', 'Requests per second', 0, PALETTE.rate, (p) => p.ratePerSecond, ' /s', 2),
    line('p95', 'p95 latency', 1, PALETTE.p95, (p) => p.p95Ms, ' ms', 0),
    {
      type: 'column',
      id: 'errors',
      name: 'Errors',
      yAxis: 2,
      color: PALETTE.errors,
      zoneAxis: 'x',
      zones: partialColumnZones(firstPartial, PALETTE.errors),
      data: columnPoints(input.points, (p) => p.errors),
      tooltip: { valueSuffix: ' errors' },
    },
  ];
  if (input.previous) {
    const shifted = shiftPrevious(input.previous.points, input.previous.window, input.window);
    const previousLine = (
      id: string,
      name: string,
      yAxis: number,
      value: (p: SeriesPoint) => number | null,
    ): SeriesLineOptions => ({
      type: 'line',
      id,
      name,
      yAxis,
      color: PALETTE.previous,
      dashStyle: 'Dash',
      lineWidth: 1.5,
      data: withGaps(shifted, input.previous!.resolution, value),
      showInNavigator: false,
    });
    series.push(
      previousLine(
        'rate-previous',
        'Requests per second, previous period',
        0,
        (p) => p.ratePerSecond,
      ),
      previousLine('p95-previous', 'p95 latency, previous period', 1, (p) => p.p95Ms),
      previousLine('errors-previous', 'Errors, previous period', 2, (p) => p.errors),
    );
  }
  const flags = annotationFlags(
    input.annotations,
    input.window,
    'rate',
    input.points.at(-1)?.ts ?? null,
  );
  if (flags) series.push(flags);
  return {
    ...stockFrame({
      resolution: input.resolution,
      window: input.window,
      navWindow: input.navigator.window,
      navigatorData: withGaps(
        input.navigator.points,
        input.navigator.resolution,
        (p) => p.ratePerSecond,
      ),
      height: 400,
      description: `Requests per second, p95 latency and errors of segment ${input.segmentName}${input.previous ? ', compared with the previous period' : ''}, with deploys, alerts and actions flagged.`,
      exportName: `watchfloor-segment-${input.segmentId}`,
      plotBands: partialBand(firstPartial, input.window.to),
    }),
    yAxis: [
      paneAxis('req/s', ratePane, true),
      paneAxis('p95 ms', p95Pane),
      paneAxis('errors', errorPane),
    ],
    series,
  };
}
