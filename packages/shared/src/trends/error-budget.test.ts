import { describe, expect, it } from 'vitest';
import { burnDown, errorBudget } from './error-budget.ts';
import { alignWindow, previousWindow, weekStart } from './period.ts';
import { TrendsQuerySchema } from './api.ts';

describe('error budget', () => {
  it('allows (1 − SLO) of the period’s requests and goes negative when overspent', () => {
    expect(errorBudget({ requests: 100_000, errors: 30 }, 0.999)).toMatchObject({
      spent: 30,
      remainingShare: expect.closeTo(0.7, 9),
    });
    expect(errorBudget({ requests: 100_000, errors: 300 }, 0.999).remaining).toBeCloseTo(-200, 9);
    expect(errorBudget({ requests: 0, errors: 0 }, 0.999).remainingShare).toBeNull();
  });

  it('burns down from the whole budget to what the period leaves', () => {
    const day = 86_400_000;
    const points = burnDown(
      [0, 1, 2].map((i) => ({
        ts: i * day,
        endTs: (i + 1) * day,
        requests: 10_000,
        errors: i === 1 ? 20 : 0,
      })),
      0.999,
    );
    expect(points.map((p) => p.remainingShare)).toEqual([
      1,
      expect.closeTo(1 - 20 / 30, 9),
      expect.closeTo(1 - 20 / 30, 9),
    ]);
  });
});

describe('periods', () => {
  it('compares with the window of equal length just before, in whole minutes', () => {
    const w = alignWindow({ from: 90_500, to: 3_600_500 });
    expect(w).toEqual({ from: 60_000, to: 3_660_000 });
    expect(previousWindow(w)).toEqual({ from: 60_000 - 3_600_000, to: 60_000 });
  });

  it('starts weeks on Monday 00:00 UTC', () => {
    expect(new Date(weekStart(Date.UTC(2025, 0, 9, 13))).toISOString()).toBe(
      '2025-01-06T00:00:00.000Z',
    );
    expect(weekStart(Date.UTC(2025, 0, 6))).toBe(Date.UTC(2025, 0, 6));
  });

  it('refuses from with a preset period and requires both ends for custom, naming the field', () => {
    const issues = (query: Record<string, string>) => {
      const parsed = TrendsQuerySchema.safeParse(query);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues({ period: '7d', from: '1000' })).toEqual(['from']);
    expect(issues({ period: 'custom', to: '100000000' })).toEqual(['from']);
    expect(issues({ period: 'weekly' })).toEqual(['period']);
    expect(issues({ period: 'custom', from: '0', to: String(91 * 86_400_000) })).toEqual(['from']);
    expect(TrendsQuerySchema.parse({ period: '90d', to: String(100 * 86_400_000) }).window).toEqual(
      { from: 10 * 86_400_000, to: 100 * 86_400_000 },
    );
  });
});
