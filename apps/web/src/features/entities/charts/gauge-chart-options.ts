import type { Options, SeriesLineOptions } from 'highcharts';
import type { SeriesPoint } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import {
  firstUnsettledTs,
  openBucketTooltip,
  openBucketTs,
  unsettledLineZones,
} from '../../../lib/charts/open-bucket.ts';
import { partialBand, withGaps } from '../../../lib/charts/series-data.ts';
import { PALETTE, singleAxisFrame } from '../../../lib/charts/stock-options.ts';
import type { Bounds } from '../../../lib/time-window.ts';

export interface GaugeChartInput {
  entityId: string;
  points: readonly SeriesPoint[];
  resolution: Resolution;
  window: Bounds;
  /** When the answer was made: with the window's end, it says which bucket is still open. */
  generatedAt?: number;
}

/**
 * The entity's gauge (queue depth, CPU, lag): the bucket average, with its maximum dotted so a
 * short peak inside a coarse bucket is not averaged away. Buckets without a reading are gaps.
 */
export function buildGaugeChartOptions(input: GaugeChartInput): Options {
  const openTs = openBucketTs(input.points, input.resolution, input.window, input.generatedAt);
  const firstPartial = firstUnsettledTs(input.points, openTs);
  const zones = unsettledLineZones(input.points, firstPartial);
  const average: SeriesLineOptions = {
    type: 'line',
    id: 'gauge-avg',
    name: 'Average',
    color: PALETTE.gauge,
    zoneAxis: 'x',
    zones,
    lineWidth: 2,
    data: withGaps(input.points, input.resolution, (p) => p.gaugeAvg),
    tooltip: { valueDecimals: 1 },
  };
  const maximum: SeriesLineOptions = {
    type: 'line',
    id: 'gauge-max',
    name: 'Maximum',
    color: '#64748b',
    dashStyle: 'Dot',
    lineWidth: 1,
    // Already dotted: the still-open bucket is said in the tooltip and shaded by the partial band.
    data: withGaps(input.points, input.resolution, (p) => p.gaugeMax),
    tooltip: { valueDecimals: 1 },
  };
  const frame = singleAxisFrame(
    {
      resolution: input.resolution,
      window: input.window,
      height: 260,
      description: `Gauge readings of entity ${input.entityId}: bucket average and maximum.`,
      exportName: `watchfloor-entity-${input.entityId}-gauge`,
      exportTitle: `Entity ${input.entityId} — gauge`,
      plotBands: partialBand(firstPartial, input.window.to),
    },
    'gauge',
  );
  const formatter = openBucketTooltip(openTs, input.resolution);
  return {
    ...frame,
    ...(formatter ? { tooltip: { ...frame.tooltip, formatter } } : {}),
    series: [average, maximum],
  };
}
