import { pickResolution, RESOLUTIONS, type Resolution } from './resolution.ts';

/** A table sparkline is 120 px wide: more points than about one per pixel only add bytes. */
export const SPARKLINE_MAX_POINTS = 128;
/** Rollup rows read per entity at most: 25 entities × a day of minutes would cost more than the whole view. */
export const SPARKLINE_MAX_SOURCE_ROWS = 400;

const MINUTE = RESOLUTIONS['1m'];
const HOUR = RESOLUTIONS['1h'];
const DAY = RESOLUTIONS['1d'];

/** Bucket sizes a sparkline may use: each divides the next rollup resolution, so buckets stay aligned. */
const STEPS = [1, 2, 3, 5, 10, 15, 30]
  .map((m) => m * MINUTE)
  .concat(
    [1, 2, 3, 6, 12].map((h) => h * HOUR),
    [1, 2, 7, 14, 28].map((d) => d * DAY),
  );

export interface SparklinePlan {
  /** Bucket size of the sparkline; buckets start at multiples of it since the epoch, like rollups. */
  stepMs: number;
  /** The rollups it is summed from. */
  source: Resolution;
}

/**
 * How the entity sparklines of a window are drawn: summed from the finest rollups of at most
 * SPARKLINE_MAX_SOURCE_ROWS buckets, in the smallest step of those that keeps them within
 * SPARKLINE_MAX_POINTS (6 hours: 3-minute steps from minute rollups; a day: hours; a week: 2 hours).
 */
export function sparklinePlan(fromMs: number, toMs: number): SparklinePlan {
  const source = pickResolution(fromMs, toMs, SPARKLINE_MAX_SOURCE_ROWS);
  const size = RESOLUTIONS[source];
  for (const stepMs of STEPS) {
    if (stepMs % size !== 0) continue;
    if (Math.ceil(toMs / stepMs) - Math.floor(fromMs / stepMs) <= SPARKLINE_MAX_POINTS)
      return { stepMs, source };
  }
  return { stepMs: STEPS[STEPS.length - 1]!, source: '1d' };
}
