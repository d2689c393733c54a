import { describe, expect, it } from 'vitest';
import { findGaps, worstState } from './quality-rules.ts';

const M = 60_000;
const minutes = (...present: number[]) => new Map(present.map((m) => [m * M, 5]));

describe('ingest gap detection', () => {
  it('finds a run of empty minutes between data, and ignores shorter holes', () => {
    expect(findGaps(minutes(0, 1, 2, 6, 7, 9), new Set(), 0, 10 * M, 3)).toEqual([{ from: 3 * M, to: 6 * M }]);
  });

  it('does not call the time before the first data a gap, but does call trailing silence one', () => {
    expect(findGaps(minutes(5, 6), new Set(), 0, 12 * M, 3)).toEqual([{ from: 7 * M, to: 12 * M }]);
  });

  it('counts minutes that are still pending as data', () => {
    expect(findGaps(minutes(0, 6), new Set([2 * M, 4 * M]), 0, 7 * M, 2)).toEqual([]);
  });
});

describe('quality state', () => {
  it('is the worst severity among the reasons', () => {
    expect(worstState([])).toBe('ok');
    expect(worstState([{ code: 'partial', severity: 'ok', message: '' }, { code: 'lag', severity: 'degraded', message: '' }])).toBe('degraded');
    expect(worstState([{ code: 'lag', severity: 'degraded', message: '' }, { code: 'ingest_gap', severity: 'unsafe', message: '' }])).toBe('unsafe');
  });
});
