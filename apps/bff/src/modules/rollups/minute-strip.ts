import { packHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import type { LatencySummary } from '@watchfloor/shared/overview';
import { packBucketPoint, unpackBucketPoint, type BucketPoint } from './bucket-point.ts';
import type { RollupAggregate } from './rollup-aggregate.ts';

const MINUTE = RESOLUTIONS['1m'];

/**
 * What a chart shows of one bucket: counts, p50/p95/p99 and the gauge average to a thousandth
 * (far below the estimator's own error), gauge extremes as stored. Every series is built from
 * these, whichever rows it was read from.
 */
export interface SeriesBucket {
  bucketTs: number;
  events: number;
  requests: number;
  errors: number;
  latency: LatencySummary;
  gaugeAvg: number | null;
  gaugeMin: number | null;
  gaugeMax: number | null;
}

export const thousandths = (value: number | null) =>
  value === null ? null : Math.round(value * 1000) / 1000;

export function toSeriesBucket(bucketTs: number, figures: BucketPoint): SeriesBucket {
  const { latency } = figures;
  const hasGauge = figures.gaugeCount > 0;
  return {
    bucketTs,
    events: figures.events,
    requests: figures.requests,
    errors: figures.errors,
    latency: {
      p50Ms: thousandths(latency.p50Ms),
      p95Ms: thousandths(latency.p95Ms),
      p99Ms: thousandths(latency.p99Ms),
    },
    gaugeAvg:
      hasGauge && figures.gaugeSum !== null
        ? thousandths(figures.gaugeSum / figures.gaugeCount)
        : null,
    gaugeMin: hasGauge ? figures.gaugeMin : null,
    gaugeMax: hasGauge ? figures.gaugeMax : null,
  };
}

const FIELDS = 9;
const text = (value: number | null) => (value === null ? '' : String(value));

/** A minute row's figures and percentiles: from its stored point, or estimated from its columns when it has none. */
function minuteFigures(minute: RollupAggregate): BucketPoint {
  return (
    unpackBucketPoint(minute.point ?? null) ??
    unpackBucketPoint(packBucketPoint(minute, packHistogram(minute.hist)))!
  );
}

/**
 * The `minute_points` of an hour row: for each minute with data, in time order, `minute:` and its
 * series bucket (events, requests, errors, p50, p95, p99, gauge avg, min, max; empty for null),
 * joined by `;`. About 40 characters a minute, so the hour row stays in its page.
 */
export function packMinuteStrip(hourTs: number, minutes: readonly RollupAggregate[]): string {
  return minutes
    .map((minute) => {
      const b = toSeriesBucket(minute.bucketTs, minuteFigures(minute));
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
 * the strip is missing or unreadable, so the caller reads the minute rows instead. Read in one
 * pass without splitting: a day's series is 1,440 minutes, and the split strings were most of
 * what the read path allocated.
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
 * more); false when the strip is missing.
 */
export function forEachMinuteCount(
  hourTs: number,
  strip: string | null,
  fromTs: number,
  toTs: number,
  visit: (bucketTs: number, requests: number, errors: number) => void,
): boolean {
  if (strip === null) return false;
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
  return true;
}
