import { describe, expect, it } from 'vitest';
import { worstQualityState as worstState } from '@watchfloor/shared/quality';
import { emptyMinuteFloor, findGaps, gapMinutesFor } from './quality-rules.ts';
import { silenceThresholdMs } from './silence.ts';

const M = 60_000;
const minutes = (...present: number[]) => new Map(present.map((m) => [m * M, 5]));

describe('ingest gap detection', () => {
  it('finds a run of empty minutes between data, and ignores shorter holes', () => {
    expect(findGaps(minutes(0, 1, 2, 6, 7, 9), new Set(), 0, 10 * M, 3)).toEqual([
      { from: 3 * M, to: 6 * M },
    ]);
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
    expect(
      worstState([
        { code: 'partial', severity: 'ok', message: '' },
        { code: 'lag', severity: 'degraded', message: '' },
      ]),
    ).toBe('degraded');
    expect(
      worstState([
        { code: 'lag', severity: 'degraded', message: '' },
        { code: 'ingest_gap', severity: 'unsafe', message: '' },
      ]),
    ).toBe('unsafe');
  });

  it("counts a minute far below the scope's median as empty, and only empty minutes for a sparse scope", () => {
    const busy = new Map([
      [0, 40],
      [60_000, 38],
      [120_000, 1],
      [180_000, 1],
      [240_000, 1],
      [300_000, 42],
    ]);
    expect(emptyMinuteFloor(busy)).toBe(2);
    expect(findGaps(busy, new Set(), 0, 360_000, 3, emptyMinuteFloor(busy))).toEqual([
      { from: 120_000, to: 300_000 },
    ]);
    expect(
      emptyMinuteFloor(
        new Map([
          [0, 2],
          [60_000, 1],
        ]),
      ),
    ).toBe(1);
  });

  it('scales the shortest gap and the silence threshold to how often a scope sends', () => {
    expect(gapMinutesFor(360, 360, 3)).toBe(3);
    expect(gapMinutesFor(36, 360, 3)).toBe(30);
    expect(silenceThresholdMs(null)).toBe(5 * 60_000);
    expect(silenceThresholdMs(60_000)).toBe(5 * 60_000);
    expect(silenceThresholdMs(10 * 60_000)).toBe(30 * 60_000);
    expect(silenceThresholdMs(24 * 3_600_000)).toBe(6 * 3_600_000);
  });
});
