import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistogramAccumulator } from './histogram-accumulator.ts';
import {
  BUCKET_COUNT,
  estimatePercentile,
  mergeHistograms,
  packHistogram,
  unpackHistogram,
  type LatencyHistogram,
} from './latency-histogram.ts';

const sparse = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: BUCKET_COUNT - 1 }), fc.integer({ min: 1, max: 5_000 })),
    { maxLength: 60 },
  )
  .map((pairs) => {
    const h: LatencyHistogram = new Map();
    for (const [index, count] of pairs) h.set(index, (h.get(index) ?? 0) + count);
    return h;
  });
const QUANTILES = [0.5, 0.95, 0.99] as const;

describe('histogram accumulator', () => {
  it("gives exactly the sparse estimator's p50/p95/p99 for merged packed rows", () => {
    fc.assert(
      fc.property(
        fc.array(sparse, { maxLength: 8 }),
        fc.option(fc.double({ min: 0.01, max: 1e6, noNaN: true })),
        (rows, maxMs) => {
          const merged: LatencyHistogram = new Map();
          const acc = new HistogramAccumulator();
          for (const row of rows) {
            mergeHistograms(merged, unpackHistogram(packHistogram(row)));
            acc.addPacked(packHistogram(row));
          }
          const bounds = { maxMs };
          expect(acc.percentiles(QUANTILES, bounds)).toEqual(
            QUANTILES.map((q) => estimatePercentile(merged, q, bounds)),
          );
        },
      ),
    );
  });

  it('reads malformed text the way unpackHistogram does', () => {
    for (const text of ['', '3:2,x:1,4:0,5:1.5', ':3', '999999:1,2:2', '7:1,7:2', ' 8:1']) {
      const acc = new HistogramAccumulator();
      acc.addPacked(text);
      const expected = unpackHistogram(text);
      expect(acc.percentiles(QUANTILES)).toEqual(
        QUANTILES.map((q) => estimatePercentile(expected, q)),
      );
      expect(acc.total()).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    }
  });

  it('starts empty again after reset and merges other accumulators', () => {
    const a = new HistogramAccumulator();
    a.addPacked('10:3,20:1');
    const b = new HistogramAccumulator();
    b.addAccumulator(a);
    b.addPacked('5:1');
    a.reset();
    expect(a.total()).toBe(0);
    expect(a.percentiles([0.5])).toEqual([null]);
    expect(b.total()).toBe(5);
    expect(b.percentiles([0.5, 0.99])).toEqual(
      [0.5, 0.99].map((q) => estimatePercentile(unpackHistogram('5:1,10:3,20:1'), q)),
    );
  });
});
