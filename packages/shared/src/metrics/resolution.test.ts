import { describe, expect, it } from 'vitest';
import { MAX_POINTS_PER_SERIES, bucketCount, bucketStart, pickResolution } from './resolution.ts';

const HOUR = 3_600_000;

describe('resolution for a window', () => {
  it('uses 1-minute buckets up to ~1 day, hours up to ~2 months, days beyond', () => {
    const to = Date.UTC(2026, 10, 22, 12);
    expect(pickResolution(to - 6 * HOUR, to)).toBe('1m');
    expect(pickResolution(to - 24 * HOUR, to)).toBe('1m');
    expect(pickResolution(to - 7 * 24 * HOUR, to)).toBe('1h');
    expect(pickResolution(to - 90 * 24 * HOUR, to)).toBe('1d');
  });

  it('never returns more points than the cap when a finer resolution fits', () => {
    const to = Date.UTC(2026, 10, 22);
    for (const hours of [1, 6, 24, 25, 48, 24 * 30, 24 * 62, 24 * 400]) {
      const from = to - hours * HOUR;
      const resolution = pickResolution(from, to);
      if (resolution !== '1d')
        expect(bucketCount(from, to, resolution)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    }
  });

  it('aligns buckets to UTC boundaries', () => {
    const ts = Date.UTC(2026, 10, 22, 13, 47, 12, 345);
    expect(bucketStart(ts, '1m')).toBe(Date.UTC(2026, 10, 22, 13, 47));
    expect(bucketStart(ts, '1h')).toBe(Date.UTC(2026, 10, 22, 13));
    expect(bucketStart(ts, '1d')).toBe(Date.UTC(2026, 10, 22));
  });
});
