import { describe, expect, it } from 'vitest';
import { SPARKLINE_MAX_POINTS, sparklineSource, sparklineStep } from './sparkline-step.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const end = Date.UTC(2026, 11, 2, 15, 37, 12);

describe('sparklineStep', () => {
  it('keeps a sparkline within its point budget at the finest step that fits', () => {
    expect(sparklineStep(end - 6 * HOUR, end)).toBe(3 * MINUTE);
    expect(sparklineStep(end - 24 * HOUR, end)).toBe(15 * MINUTE);
    expect(sparklineStep(end - 7 * 24 * HOUR, end)).toBe(2 * HOUR);
    expect(sparklineStep(end - 30 * MINUTE, end)).toBe(MINUTE);
    for (const span of [1, 7, 95, 6 * 60, 1_441, 10_080, 43_200, 576_000].map((m) => m * MINUTE)) {
      const step = sparklineStep(end - span, end);
      expect(Math.ceil(end / step) - Math.floor((end - span) / step)).toBeLessThanOrEqual(SPARKLINE_MAX_POINTS);
      expect(HOUR % step === 0 || step % HOUR === 0).toBe(true);
    }
  });

  it('sums each step from the coarsest rollup that divides it', () => {
    expect(sparklineSource(3 * MINUTE)).toBe('1m');
    expect(sparklineSource(2 * HOUR)).toBe('1h');
    expect(sparklineSource(7 * 24 * HOUR)).toBe('1d');
  });
});
