import { describe, expect, it } from 'vitest';
import {
  columnPoints,
  firstPartialTs,
  partialBand,
  partialColumnZones,
  partialZones,
  withGaps,
} from './series-data.ts';

const M = 60_000;
const p = (minute: number, value: number | null, partial = false) => ({
  ts: minute * M,
  value,
  partial,
});

describe('series data', () => {
  it('breaks the line where buckets are missing instead of joining across the gap', () => {
    expect(withGaps([p(0, 2), p(1, 2), p(5, 2), p(6, 2)], '1m', (x) => x.value)).toEqual([
      [0, 2],
      [M, 2],
      [2 * M, null],
      [5 * M, 2],
      [6 * M, 2],
    ]);
  });

  it('keeps a bucket without a value as null, not zero', () => {
    expect(withGaps([p(0, null)], '1m', (x) => x.value)).toEqual([[0, null]]);
  });

  it('uses the bucket size of the resolution to find gaps', () => {
    const hourly = [{ ts: 0 }, { ts: 3_600_000 }, { ts: 3 * 3_600_000 }];
    expect(withGaps(hourly, '1h', () => 1)).toEqual([
      [0, 1],
      [3_600_000, 1],
      [2 * 3_600_000, null],
      [3 * 3_600_000, 1],
    ]);
  });

  it('dots lines and pales columns from the first partial bucket, and shades that band', () => {
    const points = [p(0, 1), p(1, 1), p(2, 1, true), p(3, 1, true)];
    const first = firstPartialTs(points);
    expect(first).toBe(2 * M);
    expect(partialZones(first)).toEqual([{ value: 2 * M }, { dashStyle: 'ShortDot' }]);
    expect(partialColumnZones(first, 'red')?.[0]).toEqual({ value: 2 * M, color: 'red' });
    expect(partialBand(first, 4 * M)).toMatchObject([
      { from: 2 * M, to: 4 * M, label: { text: 'partial' } },
    ]);
    expect(columnPoints(points, (x) => x.value ?? 0)[2]).toEqual({
      x: 2 * M,
      y: 1,
      className: 'partial-bucket',
    });
  });

  it('draws nothing special when every bucket is final', () => {
    const first = firstPartialTs([p(0, 1)]);
    expect(partialZones(first)).toBeUndefined();
    expect(partialBand(first, M)).toEqual([]);
  });
});
