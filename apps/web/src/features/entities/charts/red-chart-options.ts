import type {
  Options,
  SeriesColumnOptions,
  SeriesFlagsOptions,
  SeriesLineOptions,
} from 'highcharts';
import type { Annotation, SeriesPoint } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
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
import { annotationFlags } from '../../../lib/charts/annotation-flags.ts';

export interface RedChartInput {
  entityId: string;
  points: readonly SeriesPoint[];
  resolution: Resolution;
  window: Bounds;
  navigator: { points: readonly SeriesPoint[]; resolution: Resolution; window: Bounds };
  annotations: readonly Annotation[];
}

/**
 * Rate, errors and duration (p50/p95/p99) of one entity in three panes on one shared time axis,
 * with deploys, alerts and actions flagged on the rate line.
 */
export function buildRedChartOptions(input: RedChartInput): Options {
  const firstPartial = firstPartialTs(input.points);
  const zones = partialZones(firstPartial);
  const [ratePane, errorPane, latencyPane] = panes([32, 28, 40]);
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
    line('rate', 'Requests per second', 0, PALETTE.rate, (p) => p.ratePerSecond, ' /s', 3),
    {
      type: 'column',
      id: 'errors',
      name: 'Errors',
      yAxis: 1,
      color: PALETTE.errors,
      zoneAxis: 'x',
      zones: partialColumnZones(firstPartial, PALETTE.errors),
      data: columnPoints(input.points, (p) => p.errors),
      tooltip: { valueSuffix: ' errors' },
    },
    line('p50', 'p50 latency', 2, PALETTE.p50, (p) => p.p50Ms, ' ms', 0),
    line('p95', 'p95 latency', 2, PALETTE.p95, (p) => p.p95Ms, ' ms', 0),
    line('p99', 'p99 latency', 2, PALETTE.p99, (p) => p.p99Ms, ' ms', 0),
  ];
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
      height: 460,
      description: `Rate, errors and p50, p95 and p99 latency of entity ${input.entityId}, with deploys, alerts and actions flagged.`,
      exportName: `watchfloor-entity-${input.entityId}`,
      plotBands: partialBand(firstPartial, input.window.to),
    }),
    yAxis: [
      paneAxis('req/s', ratePane, true),
      paneAxis('errors', errorPane),
      paneAxis('latency ms', latencyPane),
    ],
    series,
  };
}
