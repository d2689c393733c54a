/**
 * The one latency histogram definition. Buckets are log-scale with a fixed growth factor, so the
 * relative error of any percentile estimate is bounded by half a bucket's width whatever the
 * latency range. Bucket 0 holds latencies below MIN_LATENCY_MS; the last bucket holds everything
 * at or above the top boundary.
 */
export const MIN_LATENCY_MS = 0.1;
export const BUCKET_GROWTH = 1.05;
export const MAX_LATENCY_MS = 600_000;
export const BUCKET_COUNT =
  Math.ceil(Math.log(MAX_LATENCY_MS / MIN_LATENCY_MS) / Math.log(BUCKET_GROWTH)) + 2;

const LOG_GROWTH = Math.log(BUCKET_GROWTH);

/** Sparse histogram: bucket index → count. Only non-empty buckets are present. */
export type LatencyHistogram = Map<number, number>;

/** Index of the bucket a latency falls in: [lower(i), upper(i)). */
export function latencyBucketIndex(latencyMs: number): number {
  if (!(latencyMs >= MIN_LATENCY_MS)) return 0;
  const i = Math.floor(Math.log(latencyMs / MIN_LATENCY_MS) / LOG_GROWTH) + 1;
  return Math.min(i, BUCKET_COUNT - 1);
}

export function bucketLowerBound(index: number): number {
  return index <= 0 ? 0 : MIN_LATENCY_MS * BUCKET_GROWTH ** (index - 1);
}

export function bucketUpperBound(index: number): number {
  return index >= BUCKET_COUNT - 1
    ? Number.POSITIVE_INFINITY
    : MIN_LATENCY_MS * BUCKET_GROWTH ** index;
}

export function addToHistogram(target: LatencyHistogram, index: number, count: number): void {
  if (count <= 0) return;
  target.set(index, (target.get(index) ?? 0) + count);
}

export function mergeHistograms(
  target: LatencyHistogram,
  source: LatencyHistogram,
): LatencyHistogram {
  for (const [index, count] of source) addToHistogram(target, index, count);
  return target;
}

export function histogramTotal(histogram: LatencyHistogram): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

/**
 * Packed text form stored in rollup rows: "index:count" pairs in index order, comma separated.
 * A sparse entity's minute usually has one or two buckets, so its rollup stays a few bytes.
 */
export function packHistogram(histogram: LatencyHistogram): string {
  return [...histogram.entries()]
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([index, count]) => `${index}:${count}`)
    .join(',');
}

export function unpackHistogram(packed: string | null | undefined): LatencyHistogram {
  const histogram: LatencyHistogram = new Map();
  if (!packed) return histogram;
  for (const pair of packed.split(',')) {
    const sep = pair.indexOf(':');
    const index = Number(pair.slice(0, sep));
    const count = Number(pair.slice(sep + 1));
    if (Number.isInteger(index) && index >= 0 && index < BUCKET_COUNT && count > 0)
      addToHistogram(histogram, index, count);
  }
  return histogram;
}

export interface PercentileBounds {
  /** Largest latency observed; the estimate never exceeds it. */
  maxMs?: number | null;
}

/**
 * Estimates the q-quantile (0 < q ≤ 1) with the nearest-rank definition used for exact figures:
 * the value at rank ceil(q·n). Inside the bucket holding that rank the value is interpolated
 * geometrically, which matches the log-scale bucket layout.
 */
export function estimatePercentile(
  histogram: LatencyHistogram,
  q: number,
  bounds: PercentileBounds = {},
): number | null {
  const total = histogramTotal(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  const ordered = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [index, count] of ordered) {
    if (seen + count >= rank) {
      const fraction = (rank - seen - 0.5) / count;
      const estimate = interpolateInBucket(index, fraction, bounds.maxMs ?? null);
      return bounds.maxMs != null ? Math.min(estimate, bounds.maxMs) : estimate;
    }
    seen += count;
  }
  return bounds.maxMs ?? null;
}

/** Geometric interpolation inside one bucket; shared by every estimator so they agree to the bit. */
export function interpolateInBucket(index: number, fraction: number, maxMs: number | null): number {
  const lower = bucketLowerBound(index);
  const upper = bucketUpperBound(index);
  if (index === 0) return MIN_LATENCY_MS * fraction;
  if (!Number.isFinite(upper)) return maxMs ?? lower;
  return lower * (upper / lower) ** fraction;
}
