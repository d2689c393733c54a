import { packHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import { packBucketPoint, unpackBucketPoint, type BucketPoint } from './bucket-point.ts';
import type { RollupAggregate } from './rollup-aggregate.ts';

const MINUTE = RESOLUTIONS['1m'];

/** A minute row's stored point, or the same point computed from its columns when it has none. */
export function pointOfMinute(minute: RollupAggregate): string {
  return minute.point ?? packBucketPoint(minute, packHistogram(minute.hist));
}

/**
 * The `minute_points` of an hour row: `minute:point` for each minute with data, in time order,
 * joined by `;` (points hold only digits, dots, minus signs and commas).
 */
export function packMinuteStrip(hourTs: number, minutes: readonly RollupAggregate[]): string {
  return minutes.map((minute) => `${(minute.bucketTs - hourTs) / MINUTE}:${pointOfMinute(minute)}`).join(';');
}

/**
 * The minutes of a strip whose start lies in [fromTs, toTs), in time order; null when the strip
 * is missing or unreadable, so the caller reads the minute rows instead.
 */
export function unpackMinuteStrip(hourTs: number, strip: string | null, fromTs: number, toTs: number): (BucketPoint & { bucketTs: number })[] | null {
  if (strip === null) return null;
  const out: (BucketPoint & { bucketTs: number })[] = [];
  if (strip === '') return out;
  for (const entry of strip.split(';')) {
    const colon = entry.indexOf(':');
    const bucketTs = hourTs + Number(entry.slice(0, colon)) * MINUTE;
    if (bucketTs < fromTs || bucketTs >= toTs) continue;
    const point = unpackBucketPoint(entry.slice(colon + 1));
    if (colon < 1 || !point) return null;
    out.push({ bucketTs, ...point });
  }
  return out;
}
