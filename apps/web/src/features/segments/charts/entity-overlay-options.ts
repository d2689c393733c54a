import type { Options, SeriesLineOptions } from 'highcharts';
import type { EntityContribution } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import { openBucketTs, unsettledLineZones } from '../../../lib/charts/open-bucket.ts';
import { singleAxisFrame } from '../../../lib/charts/stock-options.ts';
import type { XY } from '../../../lib/charts/series-data.ts';
import type { Bounds } from '../../../lib/time-window.ts';

export const OVERLAY_METRICS = {
  errors: {
    label: 'Errors',
    axis: 'errors per bucket',
    value: (requests: number, errors: number): number | null => errors,
    suffix: ' errors',
    decimals: 0,
  },
  errorRatio: {
    label: 'Error ratio',
    axis: 'error ratio %',
    value: (requests: number, errors: number): number | null =>
      requests > 0 ? (errors / requests) * 100 : null,
    suffix: ' %',
    decimals: 1,
  },
  requests: {
    label: 'Requests',
    axis: 'requests per bucket',
    value: (requests: number): number | null => requests,
    suffix: ' requests',
    decimals: 0,
  },
} as const;
export type OverlayMetric = keyof typeof OVERLAY_METRICS;

/** Distinct hues that stay apart for colour-blind readers; the legend names every line too. */
const COLORS = ['#c62828', '#1d4ed8', '#b45309', '#0f766e', '#7c3aed', '#475569'];

export interface OverlayInput {
  entities: readonly EntityContribution[];
  metric: OverlayMetric;
  resolution: Resolution;
  /** Bucket size of the entities' sparklines, which the lines are drawn from. */
  bucketMs: number;
  window: Bounds;
  top: number;
  segmentId: string;
}

/** One entity's sparkline as a series, with a break wherever a bucket is missing. */
export function entityPoints(
  entity: EntityContribution,
  bucketMs: number,
  metric: OverlayMetric,
): XY[] {
  const size = bucketMs;
  const out: XY[] = [];
  entity.sparkline.forEach(([ts, requests, errors], i) => {
    out.push([ts, OVERLAY_METRICS[metric].value(requests, errors)]);
    const next = entity.sparkline[i + 1];
    if (next && next[0] - ts > size) out.push([ts + size, null]);
  });
  return out;
}

/** The top entities by contribution on one chart, so the culprits stand out against their peers. */
export function buildEntityOverlayOptions(input: OverlayInput): Options {
  const metric = OVERLAY_METRICS[input.metric];
  const top = input.entities.slice(0, input.top);
  const series: SeriesLineOptions[] = top.map((entity, i) => {
    // The still-open bucket holds only part of its count: dotted into it, never a plunge.
    const buckets = entity.sparkline.map(([ts]) => ({ ts }));
    const open = openBucketTs(buckets, input.bucketMs, input.window);
    return {
      type: 'line',
      id: entity.id,
      name: entity.silent ? `${entity.id} (silent)` : entity.id,
      color: COLORS[i % COLORS.length],
      dashStyle: entity.silent ? 'Dot' : 'Solid',
      zoneAxis: 'x',
      zones: entity.silent ? undefined : unsettledLineZones(buckets, open),
      data: entityPoints(entity, input.bucketMs, input.metric),
      tooltip: { valueDecimals: metric.decimals, valueSuffix: metric.suffix },
    };
  });
  return {
    ...singleAxisFrame(
      {
        resolution: input.resolution,
        window: input.window,
        height: 300,
        description: `${metric.label} of the ${top.length} entities contributing most to segment ${input.segmentId}, one line each.`,
        exportName: `watchfloor-segment-${input.segmentId}-top-entities`,
        exportTitle: `Segment ${input.segmentId} — ${metric.label.toLowerCase()} of the top ${top.length} entities`,
      },
      metric.axis,
    ),
    series,
  };
}
