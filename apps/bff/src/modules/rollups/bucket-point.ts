import { HistogramAccumulator } from '@watchfloor/shared/metrics/histogram-accumulator';
import type { LatencySummary } from '@watchfloor/shared/overview';
import type { RollupFigures } from './rollup-aggregate.ts';

const QUANTILES = [0.5, 0.95, 0.99] as const;

/** Unrounded p50/p95/p99 of a histogram, never above the largest latency observed. */
export function estimateLatency(
  hist: HistogramAccumulator,
  latencyMax: number | null,
): LatencySummary {
  const [p50Ms = null, p95Ms = null, p99Ms = null] = hist.percentiles(QUANTILES, {
    maxMs: latencyMax,
  });
  return { p50Ms, p95Ms, p99Ms };
}

/** One bucket of one scope as a series shows it: its figures and its estimated percentiles. */
export interface BucketPoint extends RollupFigures {
  latency: LatencySummary;
}

const FIELDS = 14;
const scratch = new HistogramAccumulator();
const text = (value: number | null) => (value === null ? '' : String(value));
const numberOrNull = (value: string) => (value === '' ? null : Number(value));

/**
 * The `point` column: a rollup row's figures and percentiles as comma-separated numbers (empty for
 * null), estimated once by the worker from the row's packed histogram exactly as a reader of that
 * one row would. `String(number)` round-trips a double exactly, so a point keeps the worker's
 * figures to the last bit; the DOUBLE columns, read as text, carry 15 significant digits.
 */
export function packBucketPoint(figures: RollupFigures, packedHist: string): string {
  scratch.reset();
  scratch.addPacked(packedHist);
  const { p50Ms, p95Ms, p99Ms } = estimateLatency(scratch, figures.latencyMax);
  return [
    figures.events,
    figures.requests,
    figures.errors,
    figures.latencyCount,
    figures.latencySum,
    text(figures.latencyMax),
    figures.gaugeCount,
    text(figures.gaugeSum),
    text(figures.gaugeMin),
    text(figures.gaugeMax),
    figures.lastTs,
    text(p50Ms),
    text(p95Ms),
    text(p99Ms),
  ].join(',');
}

/** A stored point read back; null when it is missing or not a point. */
export function unpackBucketPoint(point: string | null): BucketPoint | null {
  if (!point) return null;
  const f = point.split(',');
  if (f.length !== FIELDS) return null;
  return {
    events: Number(f[0]),
    requests: Number(f[1]),
    errors: Number(f[2]),
    latencyCount: Number(f[3]),
    latencySum: Number(f[4]),
    latencyMax: numberOrNull(f[5]!),
    gaugeCount: Number(f[6]),
    gaugeSum: numberOrNull(f[7]!),
    gaugeMin: numberOrNull(f[8]!),
    gaugeMax: numberOrNull(f[9]!),
    lastTs: Number(f[10]),
    latency: {
      p50Ms: numberOrNull(f[11]!),
      p95Ms: numberOrNull(f[12]!),
      p99Ms: numberOrNull(f[13]!),
    },
  };
}

/**
 * A rollup row's point, which every row has (migration 0014 handed rows written before points
 * existed back to the worker); a row without a readable one is a fault, not a gap.
 */
export function requireBucketPoint(point: string | null, bucketTs: number): BucketPoint {
  const figures = unpackBucketPoint(point);
  if (!figures) throw new Error(`the rollup bucket at ${bucketTs} has no readable point`);
  return figures;
}
