import { RESOLUTIONS, type Resolution } from './resolution.ts';

/** A table sparkline is 120 px wide: more points than about one per pixel only add bytes. */
export const SPARKLINE_MAX_POINTS = 128;

const MINUTE = RESOLUTIONS['1m'];
const HOUR = RESOLUTIONS['1h'];
const DAY = RESOLUTIONS['1d'];

/** Bucket sizes a sparkline may use: each divides the next rollup resolution, so buckets stay aligned. */
const STEPS = [1, 2, 3, 5, 10, 15, 30].map((m) => m * MINUTE).concat([1, 2, 3, 6, 12].map((h) => h * HOUR), [1, 2, 7, 14, 28].map((d) => d * DAY));

/**
 * The bucket size of the entity sparklines for a window: the smallest step that keeps them within
 * SPARKLINE_MAX_POINTS (3 minutes for 6 hours, 15 minutes for a day, 2 hours for a week).
 * Buckets start at multiples of the step since the epoch, like rollup buckets.
 */
export function sparklineStep(fromMs: number, toMs: number): number {
  for (const step of STEPS) {
    if (Math.ceil(toMs / step) - Math.floor(fromMs / step) <= SPARKLINE_MAX_POINTS) return step;
  }
  return STEPS[STEPS.length - 1]!;
}

/** The rollup resolution a sparkline of this step is summed from: the coarsest that divides it. */
export function sparklineSource(stepMs: number): Resolution {
  return stepMs % DAY === 0 ? '1d' : stepMs % HOUR === 0 ? '1h' : '1m';
}
