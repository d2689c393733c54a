import { bucketStart, RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import { requireBucketPoint } from './bucket-point.ts';
import type { RollupAggregate } from './rollup-aggregate.ts';
import { toSeriesBucket, type SeriesBucket } from './series-bucket.ts';

const MINUTE = RESOLUTIONS['1m'];

const FIELDS = 9;
const text = (value: number | null) => (value === null ? '' : String(value));

/**
 * The `minute_points` of an hour row: for each minute with data, in time order, `minute:` and its
 * series bucket (events, requests, errors, p50, p95, p99, gauge avg, min, max; empty for null),
 * joined by `;`. About 40 characters a minute, so the hour row stays in its page.
 */
export function packMinuteStrip(hourTs: number, minutes: readonly RollupAggregate[]): string {
  return minutes
    .map((minute) => {
      const b = toSeriesBucket(
        minute.bucketTs,
        requireBucketPoint(minute.point ?? null, minute.bucketTs),
      );
      const fields = [
        b.events,
        b.requests,
        b.errors,
        text(b.latency.p50Ms),
        text(b.latency.p95Ms),
        text(b.latency.p99Ms),
        text(b.gaugeAvg),
        text(b.gaugeMin),
        text(b.gaugeMax),
      ];
      return `${(minute.bucketTs - hourTs) / MINUTE}:${fields.join(',')}`;
    })
    .join(';');
}

/**
 * The series buckets of a strip whose minute starts in [fromTs, toTs), in time order; null when
 * the strip is missing or unreadable. Read in one pass without splitting: a day's series is 1,440
 * minutes, and the split strings were most of what the read path allocated.
 */
export function unpackMinuteStrip(
  hourTs: number,
  strip: string | null,
  fromTs: number,
  toTs: number,
): SeriesBucket[] | null {
  if (strip === null) return null;
  const out: SeriesBucket[] = [];
  const fields: (number | null)[] = new Array(FIELDS);
  let at = 0;
  while (at < strip.length) {
    let end = strip.indexOf(';', at);
    if (end === -1) end = strip.length;
    const colon = strip.indexOf(':', at);
    if (colon <= at || colon >= end) return null;
    const bucketTs = hourTs + Number(strip.slice(at, colon)) * MINUTE;
    if (bucketTs >= fromTs && bucketTs < toTs) {
      let field = 0;
      let start = colon + 1;
      while (start <= end) {
        if (field === FIELDS) return null;
        let stop = strip.indexOf(',', start);
        if (stop === -1 || stop > end) stop = end;
        fields[field++] = decimalAt(strip, start, stop);
        start = stop + 1;
      }
      if (field !== FIELDS) return null;
      out.push({
        bucketTs,
        events: fields[0] ?? 0,
        requests: fields[1] ?? 0,
        errors: fields[2] ?? 0,
        latency: { p50Ms: fields[3]!, p95Ms: fields[4]!, p99Ms: fields[5]! },
        gaugeAvg: fields[6]!,
        gaugeMin: fields[7]!,
        gaugeMax: fields[8]!,
      });
    }
    at = end + 1;
  }
  return out;
}

/**
 * The minutes starting in [fromTs, toTs) of hour rows' strips, hours in time order. Every hour row
 * has a strip (migration 0014 handed older ones back to the worker): a missing one is a fault.
 */
export function minutesOfHours(
  hours: readonly (readonly [hourTs: number, strip: string | null])[],
  fromTs: number,
  toTs: number,
): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  const firstMinute = bucketStart(fromTs, '1m');
  for (const [hourTs, strip] of hours) {
    const minutes = unpackMinuteStrip(hourTs, strip, firstMinute, toTs);
    if (!minutes) throw new Error(`the hour rollup at ${hourTs} has no readable minute strip`);
    for (const minute of minutes) buckets.push(minute);
  }
  return buckets;
}

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;

/**
 * The number written in text[start, stop), null when empty. Plain decimals (what String() writes
 * for these figures) are read digit by digit; the integer over a power of ten is the same double
 * Number() gives, since both are the correctly rounded value. Anything else goes to Number().
 */
function decimalAt(text: string, start: number, stop: number): number | null {
  if (start === stop) return null;
  let at = start;
  const negative = text.charCodeAt(at) === MINUS;
  if (negative) at += 1;
  let digits = 0;
  let scale = 1;
  let seenDot = false;
  for (; at < stop; at += 1) {
    const c = text.charCodeAt(at);
    if (c >= ZERO && c <= NINE) {
      digits = digits * 10 + (c - ZERO);
      if (seenDot) scale *= 10;
    } else if (c === DOT && !seenDot) seenDot = true;
    else return Number(text.slice(start, stop));
  }
  if (
    digits > Number.MAX_SAFE_INTEGER ||
    scale > 1e22 ||
    at - start === Number(negative) + Number(seenDot)
  )
    return Number(text.slice(start, stop));
  const value = digits / scale;
  return negative ? -value : value;
}

/**
 * Calls back with each minute's requests and errors of a strip whose minute starts in
 * [fromTs, toTs), reading only those two fields (sparklines of many entities at once need no
 * more). A missing strip is a fault, as for minutesOfHours.
 */
export function forEachMinuteCount(
  hourTs: number,
  strip: string | null,
  fromTs: number,
  toTs: number,
  visit: (bucketTs: number, requests: number, errors: number) => void,
): void {
  if (strip === null) throw new Error(`the hour rollup at ${hourTs} has no minute strip`);
  let at = 0;
  while (at < strip.length) {
    const colon = strip.indexOf(':', at);
    const next = strip.indexOf(';', colon);
    const stop = next === -1 ? strip.length : next;
    const bucketTs = hourTs + Number(strip.slice(at, colon)) * MINUTE;
    if (bucketTs >= fromTs && bucketTs < toTs) {
      const requestsAt = strip.indexOf(',', colon) + 1;
      const errorsAt = strip.indexOf(',', requestsAt) + 1;
      visit(
        bucketTs,
        Number(strip.slice(requestsAt, errorsAt - 1)),
        Number(strip.slice(errorsAt, strip.indexOf(',', errorsAt))),
      );
    }
    at = stop + 1;
  }
}
