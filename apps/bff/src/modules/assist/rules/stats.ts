/** Small statistics shared by the checks; every function is total (no NaN, no Infinity out). */

export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** Mean latency in ms, or null without samples. */
export const meanLatency = (f: { latencyCount: number; latencySum: number }): number | null =>
  f.latencyCount > 0 ? f.latencySum / f.latencyCount : null;

/**
 * Two-proportion z-score of x1/n1 against x0/n0 with the pooled standard error; 0 when either
 * side has no trials or both proportions are 0 or 1 (no spread to judge against).
 */
export function twoProportionZ(x1: number, n1: number, x0: number, n0: number): number {
  if (n1 <= 0 || n0 <= 0) return 0;
  const pooled = (x1 + x0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  return se > 0 ? (x1 / n1 - x0 / n0) / se : 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Scales that turn MAD and mean absolute deviation into a standard deviation under normality. */
const MAD_TO_SIGMA = 1.4826;
const MEAN_AD_TO_SIGMA = 1.2533;

export interface RobustSpread {
  median: number;
  /** The spread a robust score divides by; 0 when every value is the same. */
  sigma: number;
  method: 'mad' | 'mean_absolute_deviation' | 'none';
}

/**
 * Median and a robust spread. When more than half the values are equal the MAD is 0; the mean
 * absolute deviation around the median still sees the few that differ, so it stands in.
 */
export function robustSpread(values: readonly number[]): RobustSpread {
  const mid = median(values);
  const deviations = values.map((v) => Math.abs(v - mid));
  const mad = median(deviations);
  if (mad > 0) return { median: mid, sigma: MAD_TO_SIGMA * mad, method: 'mad' };
  const meanAd = deviations.reduce((a, b) => a + b, 0) / Math.max(1, deviations.length);
  if (meanAd > 0)
    return { median: mid, sigma: MEAN_AD_TO_SIGMA * meanAd, method: 'mean_absolute_deviation' };
  return { median: mid, sigma: 0, method: 'none' };
}

/** Rounded for reading; evidence keeps exact values. */
export const percent = (share: number): string => `${Math.round(share * 100)} %`;
export const ms = (value: number): string => `${Math.round(value)} ms`;
export const fixed = (value: number, digits = 1): string => value.toFixed(digits);
export const count = (value: number): string => String(Math.round(value));
/** `14:03 UTC` — minute of a timestamp, deterministic (no locale, no zone). */
export const clock = (ts: number): string => `${new Date(ts).toISOString().slice(11, 16)} UTC`;
export const minutesBetween = (a: number, b: number): number =>
  Math.round(Math.abs(b - a) / 60_000);
