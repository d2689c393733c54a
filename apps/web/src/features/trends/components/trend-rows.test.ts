import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import {
  SEGMENT_CSV_HEADER,
  coverageText,
  deltaView,
  periodWords,
  segmentCsvRows,
} from './trend-rows.ts';
import { COMPARABLE, THIN, segmentTrend } from '../testing/segment-trend.ts';

const pts = (value: number) => `${(value * 100).toFixed(2)} pts`;

describe('changes against the previous period', () => {
  it('says better or worse in words when the periods are comparable', () => {
    expect(deltaView(-0.005, COMPARABLE, pts, true)).toEqual({
      text: 'vs prev. −0.50 pts (worse)',
      tone: 'worse',
    });
    expect(deltaView(4, COMPARABLE, String, false)).toEqual({
      text: 'vs prev. +4 (worse)',
      tone: 'worse',
    });
    expect(deltaView(-4, COMPARABLE, String, false)).toEqual({
      text: 'vs prev. −4 (better)',
      tone: 'better',
    });
    expect(deltaView(0, COMPARABLE, String, true)).toEqual({
      text: 'vs prev. unchanged',
      tone: 'unchanged',
    });
    expect(deltaView(null, COMPARABLE, String, true)).toMatchObject({
      text: 'vs prev. —',
      tone: 'missing',
    });
  });

  it('says "Not enough history to compare", with both coverages in its title, and never better or worse on thin history', () => {
    // Even a change the caller still had in hand is not judged against a thin period.
    const view = deltaView(-0.01, THIN, pts, true);
    expect(view).toEqual({
      text: 'Not enough history to compare',
      tone: 'withheld',
      title: THIN.reason,
    });
    expect(view.title).toContain('23.8 % of its hours, this one in 100 %');
    expect(view.text).not.toMatch(/better|worse/);
  });

  it('says there is nothing to compare yet when the current period has no data', () => {
    const none = {
      comparable: false,
      code: 'no_current_data' as const,
      reason: 'Nothing to compare: none of this period has passed yet.',
    };
    expect(deltaView(null, none, String, true)).toEqual({
      text: 'Nothing to compare yet',
      tone: 'withheld',
      title: none.reason,
    });
  });
});

describe('coverage in words', () => {
  it('gives each period’s hours with data, of its elapsed hours, and their share', () => {
    const WEEK = 7 * 86_400_000;
    const thin = segmentTrend('a', {
      previous: { coverage: { elapsedHours: 168, hoursWithData: 40, share: 40 / 168 } },
      comparison: THIN,
    });
    expect(coverageText(thin, WEEK)).toBe(
      'Data in 168 of 168 hours (100 %); previous 7 days: data in 40 of 168 hours (23.8 %)',
    );
    const future = segmentTrend('b');
    future.current.coverage = { elapsedHours: 0, hoursWithData: 0, share: null };
    future.previous.coverage = { elapsedHours: 1, hoursWithData: 0, share: 0 };
    expect(coverageText(future, 15 * 3_600_000)).toBe(
      'No hour of this period has started yet; previous 15 hours: data in 0 of 1 hour (0 %)',
    );
  });

  it('names a period by its length', () => {
    expect(periodWords(86_400_000)).toBe('1 day');
    expect(periodWords(30 * 86_400_000)).toBe('30 days');
    expect(periodWords(15 * 3_600_000)).toBe('15 hours');
    expect(periodWords(90 * 60_000)).toBe('90 minutes');
  });

  it('exports coverage and comparability as the last CSV columns', () => {
    const thin = segmentTrend('a', {
      previous: { coverage: { elapsedHours: 400, hoursWithData: 10, share: 0.025 } },
      comparison: THIN,
    });
    const csv = toCsv(SEGMENT_CSV_HEADER, segmentCsvRows([thin])).split('\r\n');
    expect(csv[0]).toMatch(/,coverage,coverage_previous,comparable$/);
    expect(csv[1]).toMatch(/,1,0\.025,false$/);
  });
});
