import type { LatencySummary } from '@watchfloor/shared/overview';
import type { BucketPoint } from './bucket-point.ts';

/**
 * What a chart shows of one bucket: counts, p50/p95/p99 and the gauge average to a thousandth
 * (far below the estimator's own error), gauge extremes as stored. Every series is built from
 * these, whichever rows it was read from.
 */
export interface SeriesBucket {
  bucketTs: number;
  events: number;
  requests: number;
  errors: number;
  latency: LatencySummary;
  gaugeAvg: number | null;
  gaugeMin: number | null;
  gaugeMax: number | null;
}

export const thousandths = (value: number | null) =>
  value === null ? null : Math.round(value * 1000) / 1000;

export function toSeriesBucket(bucketTs: number, figures: BucketPoint): SeriesBucket {
  const { latency } = figures;
  const hasGauge = figures.gaugeCount > 0;
  return {
    bucketTs,
    events: figures.events,
    requests: figures.requests,
    errors: figures.errors,
    latency: {
      p50Ms: thousandths(latency.p50Ms),
      p95Ms: thousandths(latency.p95Ms),
      p99Ms: thousandths(latency.p99Ms),
    },
    gaugeAvg:
      hasGauge && figures.gaugeSum !== null
        ? thousandths(figures.gaugeSum / figures.gaugeCount)
        : null,
    gaugeMin: hasGauge ? figures.gaugeMin : null,
    gaugeMax: hasGauge ? figures.gaugeMax : null,
  };
}
