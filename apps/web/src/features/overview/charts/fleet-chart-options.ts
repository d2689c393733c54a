import type {
  Options,
  SeriesColumnOptions,
  SeriesFlagsOptions,
  SeriesLineOptions,
} from 'highcharts';
import type { Annotation } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { FleetPoint } from '@watchfloor/shared/overview';
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

export interface FleetChartInput {
  /** Buckets of the visible window, at its resolution. */
  points: readonly FleetPoint[];
  resolution: Resolution;
  window: Bounds;
  /** The navigator's coarse whole-range series (the same as `points` when not zoomed). */
  navigator: { points: readonly FleetPoint[]; resolution: Resolution; window: Bounds };
  /** Control actions across the fleet, flagged on the rate line. */
  annotations: readonly Annotation[];
}

/**
 * Fleet rate, p95 and errors in three panes on one time axis, control actions flagged on the rate
 * line; partial buckets dotted and pale.
 */
export function buildFleetChartOptions(input: FleetChartInput): Options {
  const firstPartial = firstPartialTs(input.points);
  const zones = partialZones(firstPartial);
  const [ratePane, p95Pane, errorPane] = panes([40, 30, 30]);
  const rate: SeriesLineOptions = {
    type: 'line',
    name: 'Requests per second',
    id: 'rate',
    yAxis: 0,
    color: PALETTE.rate,
    zoneAxis: 'x',
    zones,
    data: withGaps(input.points, input.resolution, (p) => p.ratePerSecond),
    tooltip: { valueDecimals: 2, valueSuffix: ' /s' },
  };
  const p95: SeriesLineOptions = {
    type: 'line',
    name: 'p95 latency',
    id: 'p95',
    yAxis: 1,
    color: PALETTE.p95,
    zoneAxis: 'x',
    zones,
    data: withGaps(input.points, input.resolution, (p) => p.p95Ms),
    tooltip: { valueDecimals: 0, valueSuffix: ' ms' },
  };
  const errors: SeriesColumnOptions = {
    type: 'column',
    name: 'Errors',
    id: 'errors',
    yAxis: 2,
    color: PALETTE.errors,
    zoneAxis: 'x',
    zones: partialColumnZones(firstPartial, PALETTE.errors),
    data: columnPoints(input.points, (p) => p.errors),
    tooltip: { valueSuffix: ' errors' },
  };
  const series: (SeriesLineOptions | SeriesColumnOptions | SeriesFlagsOptions)[] = [
    rate,
    p95,
    errors,
  ];
  const flags = annotationFlags(
    input.annotations,
    input.window,
    'rate',
    input.points.at(-1)?.ts ?? null,
    'Control actions',
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
      height: 420,
      description:
        'Fleet requests per second, p95 latency and errors, with control actions flagged.',
      exportName: 'watchfloor-fleet',
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
