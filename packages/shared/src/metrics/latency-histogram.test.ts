import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUCKET_COUNT,
  addToHistogram,
  bucketLowerBound,
  bucketUpperBound,
  estimatePercentile,
  latencyBucketIndex,
  mergeHistograms,
  packHistogram,
  unpackHistogram,
  type LatencyHistogram,
} from './latency-histogram.ts';

function exactPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

function histogramOf(values: number[]): LatencyHistogram {
  const h: LatencyHistogram = new Map();
  for (const v of values) addToHistogram(h, latencyBucketIndex(v), 1);
  return h;
}

describe('latency histogram', () => {
  it('puts every latency inside its bucket bounds', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (latency) => {
        const i = latencyBucketIndex(latency);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(BUCKET_COUNT);
        expect(latency).toBeGreaterThanOrEqual(bucketLowerBound(i) * (1 - 1e-12));
        expect(latency).toBeLessThan(bucketUpperBound(i) * (1 + 1e-12));
      }),
    );
  });

  it('packs and unpacks without loss, and merging is the same as counting together', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 120_000, noNaN: true }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.nat(300),
        (values, cut) => {
          const whole = histogramOf(values);
          expect(unpackHistogram(packHistogram(whole))).toEqual(
            new Map([...whole].sort((a, b) => a[0] - b[0])),
          );
          const merged = mergeHistograms(
            histogramOf(values.slice(0, cut)),
            histogramOf(values.slice(cut)),
          );
          expect(packHistogram(merged)).toBe(packHistogram(whole));
        },
      ),
    );
  });

  it('estimates p50/p95/p99 within 5 % of the exact nearest-rank value for ≥ 1,000 samples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.constantFrom(1_000, 5_000),
        (seed, n) => {
          let state = seed;
          const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
          const values = Array.from({ length: n }, () =>
            Math.exp(
              3 +
                1.2 * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random()),
            ),
          );
          const h = histogramOf(values);
          const maxMs = Math.max(...values);
          for (const q of [0.5, 0.95, 0.99]) {
            const exact = exactPercentile(values, q);
            const estimate = estimatePercentile(h, q, { maxMs })!;
            expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.05);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns null for an empty histogram and never exceeds the observed maximum', () => {
    expect(estimatePercentile(new Map(), 0.95)).toBeNull();
    expect(estimatePercentile(histogramOf([10, 10, 10]), 0.99, { maxMs: 10 })).toBeLessThanOrEqual(
      10,
    );
  });

  it('keeps a sparse minute compact: one heartbeat-like bucket packs into a few bytes', () => {
    expect(packHistogram(histogramOf([42]))).toMatch(/^\d+:1$/);
  });
});
