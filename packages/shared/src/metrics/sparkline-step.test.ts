import { describe, expect, it } from 'vitest';
import { RESOLUTIONS } from './resolution.ts';
import {
  SPARKLINE_MAX_POINTS,
  SPARKLINE_MAX_SOURCE_ROWS,
  sparklinePlan,
} from './sparkline-step.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const end = Date.UTC(2026, 11, 2, 15, 37, 12);

describe('sparklinePlan', () => {
  it('draws about one point per pixel from cheap rollups', () => {
    expect(sparklinePlan(end - 6 * HOUR, end)).toEqual({ stepMs: 3 * MINUTE, source: '1m' });
    expect(sparklinePlan(end - 24 * HOUR, end)).toEqual({ stepMs: HOUR, source: '1h' });
    expect(sparklinePlan(end - 7 * 24 * HOUR, end)).toEqual({ stepMs: 2 * HOUR, source: '1h' });
    expect(sparklinePlan(end - 30 * MINUTE, end)).toEqual({ stepMs: MINUTE, source: '1m' });
  });

  it('stays within its point and row budgets, in steps that are whole source buckets', () => {
    for (const span of [1, 7, 95, 6 * 60, 1_441, 10_080, 43_200, 518_400].map((m) => m * MINUTE)) {
      const { stepMs, source } = sparklinePlan(end - span, end);
      const size = RESOLUTIONS[source];
      expect(Math.ceil(end / stepMs) - Math.floor((end - span) / stepMs)).toBeLessThanOrEqual(
        SPARKLINE_MAX_POINTS,
      );
      expect(Math.ceil(end / size) - Math.floor((end - span) / size)).toBeLessThanOrEqual(
        SPARKLINE_MAX_SOURCE_ROWS,
      );
      expect(stepMs % size).toBe(0);
    }
  });
});
