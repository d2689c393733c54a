import { RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import { availability, errorRatio } from '@watchfloor/shared/metrics/ratios';
import type { FleetPoint, LatencySummary } from '@watchfloor/shared/overview';
import type { SeriesPoint } from '@watchfloor/shared/drilldown';
import { estimateLatency } from '../rollups/bucket-point.ts';
import type { ScopeTotal } from '../rollups/scope-total.ts';
import { thousandths as round, type SeriesBucket } from '../rollups/series-bucket.ts';

/**
 * Turns merged rollup aggregates into the figures the API shows. Pure, so segment and entity
 * pages reuse exactly the same arithmetic as the overview.
 */

/** p50/p95/p99 from the merged histogram, never above the largest latency actually observed. */
export function latencySummary(total: ScopeTotal | undefined): LatencySummary {
  if (!total) return { p50Ms: null, p95Ms: null, p99Ms: null };
  return roundedLatency(estimateLatency(total.hist, total.latencyMax));
}

function roundedLatency(latency: LatencySummary): LatencySummary {
  return { p50Ms: round(latency.p50Ms), p95Ms: round(latency.p95Ms), p99Ms: round(latency.p99Ms) };
}

export interface RedFigures {
  events: number;
  requests: number;
  errors: number;
  ratePerSecond: number;
  errorRatio: number | null;
  availability: number | null;
}

/** Rate, errors and ratios over spanMs; no traffic gives null ratios, not 0 % or 100 %. */
export function redFigures(
  agg: Pick<ScopeTotal, 'events' | 'requests' | 'errors'> | undefined,
  spanMs: number,
): RedFigures {
  const requests = agg?.requests ?? 0;
  const errors = agg?.errors ?? 0;
  return {
    events: agg?.events ?? 0,
    requests,
    errors,
    ratePerSecond: ratePerSecond(requests, spanMs),
    errorRatio: errorRatio(errors, requests),
    availability: availability(errors, requests),
  };
}

export function ratePerSecond(requests: number, spanMs: number): number {
  return spanMs > 0 ? Math.round((requests / (spanMs / 1000)) * 1000) / 1000 : 0;
}

/**
 * A bucket is partial when it ends after the watermark: some of its minutes may still be rolled
 * up or corrected. An unknown watermark makes every bucket partial rather than falsely final.
 */
export function isPartial(
  bucketTs: number,
  resolution: Resolution,
  watermark: number | null,
): boolean {
  return watermark === null || bucketTs + RESOLUTIONS[resolution] > watermark;
}

/** Series points for buckets that have data; missing buckets stay missing (gaps, not zeros). */
export function seriesPoints(
  buckets: readonly SeriesBucket[],
  resolution: Resolution,
  watermark: number | null,
): FleetPoint[] {
  const size = RESOLUTIONS[resolution];
  return buckets.map((bucket) => ({
    ts: bucket.bucketTs,
    ratePerSecond: ratePerSecond(bucket.requests, size),
    errors: bucket.errors,
    p95Ms: bucket.latency.p95Ms,
    partial: isPartial(bucket.bucketTs, resolution, watermark),
  }));
}

/** Every figure of a bucket, for the segment, entity and zoom series. */
export function fullSeriesPoints(
  buckets: readonly SeriesBucket[],
  resolution: Resolution,
  watermark: number | null,
): SeriesPoint[] {
  const size = RESOLUTIONS[resolution];
  return buckets.map((bucket) => {
    return {
      ts: bucket.bucketTs,
      partial: isPartial(bucket.bucketTs, resolution, watermark),
      requests: bucket.requests,
      ratePerSecond: ratePerSecond(bucket.requests, size),
      errors: bucket.errors,
      errorRatio: errorRatio(bucket.errors, bucket.requests),
      ...bucket.latency,
      gaugeAvg: bucket.gaugeAvg,
      gaugeMin: bucket.gaugeMin,
      gaugeMax: bucket.gaugeMax,
    };
  });
}
