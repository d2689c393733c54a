import type { Options, SeriesLineOptions } from 'highcharts';
import type { SeriesPoint } from '@watchfloor/shared/drilldown';
import {
  buildRedPaneOptions,
  ERROR_TOOLTIP,
  latencyLine,
  rateLine,
  rateP95ErrorPanes,
  type RedChartData,
} from '../../../lib/charts/red-panes.ts';
import { withGaps } from '../../../lib/charts/series-data.ts';
import { PALETTE } from '../../../lib/charts/stock-options.ts';
import type { Bounds } from '../../../lib/time-window.ts';

type PeriodSeries = RedChartData<SeriesPoint>['navigator'];

export interface SegmentChartInput extends RedChartData<SeriesPoint> {
  segmentName: string;
  segmentId: string;
  /** The preceding window of equal length, drawn shifted onto this one when comparing; read on its own, so at its own resolution. */
  previous?: PeriodSeries;
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

const RATE_DECIMALS = 2;

/**
 * The previous period's rate, p95 and errors as grey dashes over the current ones' panes, with the
 * current series' units and decimals in the tooltip, so the two periods read side by side.
 */
function previousPeriodLines(previous: PeriodSeries, window: Bounds): SeriesLineOptions[] {
  const shifted = shiftPrevious(previous.points, previous.window, window);
  const line = (
    id: string,
    name: string,
    yAxis: number,
    value: (p: SeriesPoint) => number | null,
    tooltip: { valueDecimals: number; valueSuffix: string },
  ): SeriesLineOptions => ({
    type: 'line',
    id,
    name,
    yAxis,
    color: PALETTE.previous,
    dashStyle: 'Dash',
    lineWidth: 1.5,
    data: withGaps(shifted, previous.resolution, value),
    showInNavigator: false,
    tooltip,
  });
  const unitsOf = (spec: { decimals: number; suffix: string }) => ({
    valueDecimals: spec.decimals,
    valueSuffix: spec.suffix,
  });
  return [
    line(
      'rate-previous',
      'Requests per second, previous period',
      0,
      (p) => p.ratePerSecond,
      unitsOf(rateLine(RATE_DECIMALS)),
    ),
    line(
      'p95-previous',
      'p95 latency, previous period',
      1,
      (p) => p.p95Ms,
      unitsOf(latencyLine('p95')),
    ),
    line('errors-previous', 'Errors, previous period', 2, (p) => p.errors, ERROR_TOOLTIP),
  ];
}

/**
 * Segment rate, p95 and errors on one time axis, with changes, alerts and actions flagged on the
 * rate line or drawn as bands; with comparison, the previous period in grey dashes.
 */
export function buildSegmentChartOptions(input: SegmentChartInput): Options {
  return buildRedPaneOptions(input, {
    panes: rateP95ErrorPanes([38, 32, 30], RATE_DECIMALS),
    height: 400,
    description: `Requests per second, p95 latency and errors of segment ${input.segmentName}${input.previous ? ', compared with the previous period' : ''}, with changes, alerts and actions marked.`,
    exportName: `watchfloor-segment-${input.segmentId}`,
    exportTitle: `Segment ${input.segmentName} — rate, p95 latency and errors${input.previous ? ', with the previous period' : ''}`,
    extraSeries: input.previous ? previousPeriodLines(input.previous, input.window) : [],
  });
}
