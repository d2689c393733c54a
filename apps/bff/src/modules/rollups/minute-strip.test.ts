import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unpackMinuteStrip } from './minute-strip.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The plain reading of a strip, field by field with Number(): what the one-pass reader must equal. */
function splitReading(hourTs: number, strip: string) {
  if (strip === '') return [];
  return strip.split(';').map((entry) => {
    const [minute, rest] = entry.split(':') as [string, string];
    const f = rest.split(',').map((v) => (v === '' ? null : Number(v)));
    return {
      bucketTs: hourTs + Number(minute) * MINUTE,
      events: f[0] ?? 0,
      requests: f[1] ?? 0,
      errors: f[2] ?? 0,
      latency: { p50Ms: f[3], p95Ms: f[4], p99Ms: f[5] },
      gaugeAvg: f[6],
      gaugeMin: f[7],
      gaugeMax: f[8],
    };
  });
}

const count = fc.nat({ max: 5_000_000 });
// What strips hold: thousandths, raw doubles (gauge extremes), negatives, huge and tiny values, nulls.
const figure = fc.option(
  fc.oneof(
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => Math.round(n) / 1000),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(1e21, 1.5e-7, -0, 123456789012345.67),
  ),
  { nil: null },
);
const text = (value: number | null) => (value === null ? '' : String(value));

describe('minute strips', () => {
  it('read back every figure exactly as written, whatever the numbers', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 59 }), { maxLength: 60 }),
        fc.array(fc.tuple(count, count, count, figure, figure, figure, figure, figure, figure), {
          minLength: 60,
          maxLength: 60,
        }),
        (minutes, values) => {
          const sorted = [...minutes].sort((a, b) => a - b);
          const strip = sorted
            .map((m) => `${m}:${values[m]!.map((v) => text(v)).join(',')}`)
            .join(';');
          const hourTs = 20 * HOUR;
          expect(unpackMinuteStrip(hourTs, strip, 0, Number.MAX_SAFE_INTEGER)).toEqual(
            splitReading(hourTs, strip),
          );
          // A window inside the hour keeps only its minutes.
          const from = hourTs + 10 * MINUTE;
          const to = hourTs + 40 * MINUTE;
          expect(unpackMinuteStrip(hourTs, strip, from, to)).toEqual(
            splitReading(hourTs, strip).filter((b) => b.bucketTs >= from && b.bucketTs < to),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives null for a missing or unreadable strip', () => {
    expect(unpackMinuteStrip(0, null, 0, HOUR)).toBeNull();
    expect(unpackMinuteStrip(0, '', 0, HOUR)).toEqual([]);
    expect(unpackMinuteStrip(0, '3:1,2,3', 0, HOUR)).toBeNull();
    expect(unpackMinuteStrip(0, '3:1,2,3,4,5,6,7,8,9,10', 0, HOUR)).toBeNull();
    expect(unpackMinuteStrip(0, '1,2,3,4,5,6,7,8,9', 0, HOUR)).toBeNull();
  });
});
