import { estimatePercentile, type LatencyHistogram } from '../metrics/latency-histogram.ts';
import type { Resolution } from '../metrics/resolution.ts';

/** Windows up to this long judge latency minute by minute; longer ones hour by hour. */
export const MINUTE_COMPLIANCE_MAX_MS = 8 * 86_400_000;

/** The resolution latency compliance is judged at for a window of this length. */
export function complianceResolution(windowMs: number): Extract<Resolution, '1m' | '1h'> {
  return windowMs <= MINUTE_COMPLIANCE_MAX_MS ? '1m' : '1h';
}

/**
 * Whether one bucket's p95 met the target: the shared estimator on the bucket's histogram, capped
 * by the largest latency seen. Null for a bucket without latency samples: it is not judged.
 */
export function bucketMeetsLatency(
  histogram: LatencyHistogram,
  maxMs: number | null,
  targetMs: number,
): boolean | null {
  const p95 = estimatePercentile(histogram, 0.95, { maxMs });
  return p95 === null ? null : p95 <= targetMs;
}

export interface LatencyCompliance {
  resolution: Extract<Resolution, '1m' | '1h'>;
  /** Buckets with at least one latency sample. */
  judged: number;
  met: number;
  /** met ÷ judged; null when nothing was judged. */
  compliance: number | null;
}

export function latencyCompliance(
  resolution: LatencyCompliance['resolution'],
  judged: number,
  met: number,
): LatencyCompliance {
  return { resolution, judged, met, compliance: judged > 0 ? met / judged : null };
}
