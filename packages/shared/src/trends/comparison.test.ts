import { describe, expect, it } from 'vitest';
import { comparePeriods, coverageOf, coveragePercent, elapsedSpan } from './comparison.ts';

const MINUTE = 60_000;
const cover = (minutesWithData: number, elapsedMinutes = 1_000) => ({ elapsedMinutes, minutesWithData, share: elapsedMinutes === 0 ? null : minutesWithData / elapsedMinutes });

describe('period coverage', () => {
  const window = { from: 100 * MINUTE, to: 200 * MINUTE };

  it('is the share of the elapsed whole minutes that had data; future minutes do not count as missing', () => {
    expect(coverageOf(window, 300 * MINUTE, 25)).toEqual({ elapsedMinutes: 100, minutesWithData: 25, share: 0.25 });
    expect(coverageOf(window, 150 * MINUTE + 30_000, 25)).toEqual({ elapsedMinutes: 50, minutesWithData: 25, share: 0.5 });
    expect(elapsedSpan(window, 150 * MINUTE + 30_000)).toEqual({ from: 100 * MINUTE, to: 150 * MINUTE });
  });

  it('has no share, rather than 0 % or 100 %, before any minute of the period has passed', () => {
    expect(coverageOf(window, 100 * MINUTE + 59_000, 0)).toEqual({ elapsedMinutes: 0, minutesWithData: 0, share: null });
    expect(elapsedSpan(window, 50 * MINUTE)).toEqual({ from: 100 * MINUTE, to: 100 * MINUTE });
  });

  it('is written rounded down, so just short of full never reads as 100 %', () => {
    expect(coveragePercent(1)).toBe('100 %');
    expect(coveragePercent(0.9999)).toBe('99.9 %');
    expect(coveragePercent(0.29)).toBe('29 %');
    expect(coveragePercent(0.0002)).toBe('under 0.1 %');
    expect(coveragePercent(0)).toBe('0 %');
  });
});

describe('comparing periods', () => {
  it('compares when the previous period has at least 80 % of the current period’s coverage', () => {
    expect(comparePeriods(cover(1_000), cover(800))).toEqual({ comparable: true, code: null, reason: null });
    expect(comparePeriods(cover(500), cover(400))).toMatchObject({ comparable: true });
    expect(comparePeriods(cover(900), cover(720))).toMatchObject({ comparable: true });
    expect(comparePeriods(cover(500), cover(900))).toMatchObject({ comparable: true });
  });

  it('withholds the comparison below that, saying so with both coverages in words', () => {
    expect(comparePeriods(cover(1_000), cover(799))).toEqual({
      comparable: false,
      code: 'thin_history',
      reason: 'Not enough history to compare: the previous period has data in 79.9 % of its minutes, this one in 100 %; comparing needs at least 80 % of this period’s coverage.',
    });
    expect(comparePeriods(cover(1_000), cover(0))).toMatchObject({ comparable: false, code: 'thin_history' });
  });

  it('compares nothing when the current period has no data or has not begun', () => {
    expect(comparePeriods(cover(0), cover(0))).toMatchObject({ comparable: false, code: 'no_current_data', reason: 'Nothing to compare: this period has no data yet.' });
    expect(comparePeriods(cover(0, 0), cover(900))).toMatchObject({ comparable: false, code: 'no_current_data', reason: 'Nothing to compare: none of this period has passed yet.' });
  });
});
