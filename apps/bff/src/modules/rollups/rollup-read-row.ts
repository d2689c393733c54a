import type { BucketPoint } from './bucket-point.ts';
import { numberOrNull } from '../../db/row-values.ts';

/**
 * What the window totals read from a rollup row, in SELECT order (rows travel as arrays: one
 * object per row with named keys was a measurable share of a 1,440-row read).
 */
export type RollupReadRow = [
  scopeId: number,
  bucketTs: number,
  events: number,
  requests: number,
  errors: number,
  latencyCount: number,
  latencySum: number,
  latencyMax: number | null,
  latencyHist: string,
  gaugeCount: number,
  gaugeSum: number | null,
  gaugeMin: number | null,
  gaugeMax: number | null,
  lastTs: number,
];

export const ROLLUP_READ_COLUMNS =
  'scope_id, bucket_ts, events, requests, errors, latency_count, latency_sum, latency_max, latency_hist, gauge_count, gauge_sum, gauge_min, gauge_max, last_ts';

/**
 * A row of ROLLUP_READ_COLUMNS (or of sums in their shape) as the driver gave it: sums may come
 * as strings, a joined histogram of no rows as null.
 */
export function toRollupReadRow(row: readonly unknown[]): RollupReadRow {
  return [
    Number(row[0]),
    Number(row[1]),
    Number(row[2]),
    Number(row[3]),
    Number(row[4]),
    Number(row[5]),
    Number(row[6]),
    numberOrNull(row[7]),
    String(row[8] ?? ''),
    Number(row[9]),
    numberOrNull(row[10]),
    numberOrNull(row[11]),
    numberOrNull(row[12]),
    Number(row[13]),
  ];
}

/** A row read as its stored point and packed histogram, in the shape of the full columns. */
export function pointReadRow(
  scopeId: number,
  bucketTs: number,
  point: BucketPoint,
  hist: string,
): RollupReadRow {
  return [
    scopeId,
    bucketTs,
    point.events,
    point.requests,
    point.errors,
    point.latencyCount,
    point.latencySum,
    point.latencyMax,
    hist,
    point.gaugeCount,
    point.gaugeSum,
    point.gaugeMin,
    point.gaugeMax,
    point.lastTs,
  ];
}
