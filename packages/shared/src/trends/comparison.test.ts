import { describe, expect, it } from 'vitest';
import { comparePeriods, coverageOf, coveragePercent, elapsedHourSpan } from './comparison.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const cover = (hoursWithData: number, elapsedHours = 1_000) => ({
  elapsedHours,
  hoursWithData,
  share: elapsedHours === 0 ? null : hoursWithData / elapsedHours,
});

describe('period coverage', () => {
  const window = { from: 100 * HOUR, to: 110 * HOUR };

  it('is the share of the elapsed hours that had data; hours not yet started do not count as missing', () => {
    expect(coverageOf(window, 200 * HOUR, 4)).toEqual({
      elapsedHours: 10,
      hoursWithData: 4,
      share: 0.4,
    });
    expect(elapsedHourSpan(window, 200 * HOUR)).toEqual(window);
    // Half past the fifth hour: that hour has started, so five have elapsed.
    expect(coverageOf(window, 104 * HOUR + 30 * MINUTE, 4)).toEqual({
      elapsedHours: 5,
      hoursWithData: 4,
      share: 0.8,
    });
    expect(elapsedHourSpan(window, 104 * HOUR + 30 * MINUTE)).toEqual({
      from: 100 * HOUR,
      to: 104 * HOUR + 30 * MINUTE,
    });
    expect(coverageOf(window, 105 * HOUR, 4)).toEqual({
      elapsedHours: 5,
      hoursWithData: 4,
      share: 0.8,
    });
  });

  it('counts a partly included first and last hour as one hour each, read from the first hour’s start', () => {
    const ragged = { from: 100 * HOUR + 45 * MINUTE, to: 103 * HOUR + 10 * MINUTE };
    expect(elapsedHourSpan(ragged, 200 * HOUR)).toEqual({
      from: 100 * HOUR,
      to: 103 * HOUR + 10 * MINUTE,
    });
    expect(coverageOf(ragged, 200 * HOUR, 4)).toEqual({
      elapsedHours: 4,
      hoursWithData: 4,
      share: 1,
    });
  });

  it('has no share, rather than 0 % or 100 %, before any hour of the period has started', () => {
    expect(coverageOf(window, 100 * HOUR, 0)).toEqual({
      elapsedHours: 0,
      hoursWithData: 0,
      share: null,
    });
    expect(coverageOf(window, 50 * HOUR, 0)).toEqual({
      elapsedHours: 0,
      hoursWithData: 0,
      share: null,
    });
    expect(elapsedHourSpan(window, 50 * HOUR)).toEqual({ from: 100 * HOUR, to: 100 * HOUR });
    expect(coverageOf(window, 100 * HOUR + 1, 0)).toEqual({
      elapsedHours: 1,
      hoursWithData: 0,
      share: 0,
    });
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
    expect(comparePeriods(cover(1_000), cover(800))).toEqual({
      comparable: true,
      code: null,
      reason: null,
    });
    expect(comparePeriods(cover(168, 168), cover(135, 168))).toMatchObject({ comparable: true });
    expect(comparePeriods(cover(500), cover(400))).toMatchObject({ comparable: true });
    expect(comparePeriods(cover(900), cover(720))).toMatchObject({ comparable: true });
    expect(comparePeriods(cover(500), cover(900))).toMatchObject({ comparable: true });
  });

  it('withholds the comparison below that, saying so with both coverages in words', () => {
    expect(comparePeriods(cover(1_000), cover(799))).toEqual({
      comparable: false,
      code: 'thin_history',
      reason:
        'Not enough history to compare: the previous period has data in 79.9 % of its hours, this one in 100 %; comparing needs at least 80 % of this period’s coverage.',
    });
    expect(comparePeriods(cover(168, 168), cover(134, 168))).toMatchObject({
      comparable: false,
      code: 'thin_history',
    });
    expect(comparePeriods(cover(1_000), cover(0))).toMatchObject({
      comparable: false,
      code: 'thin_history',
    });
  });

  it('compares nothing when the current period has no data or has not begun', () => {
    expect(comparePeriods(cover(0), cover(0))).toMatchObject({
      comparable: false,
      code: 'no_current_data',
      reason: 'Nothing to compare: this period has no data yet.',
    });
    expect(comparePeriods(cover(0, 0), cover(900))).toMatchObject({
      comparable: false,
      code: 'no_current_data',
      reason: 'Nothing to compare: none of this period has passed yet.',
    });
  });
});
