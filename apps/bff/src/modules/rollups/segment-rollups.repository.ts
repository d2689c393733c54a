import type { Counts } from '@watchfloor/shared/trends/burn-rate';
import type { MinuteCounts } from '@watchfloor/shared/trends/incidents';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import { SCOPE_SEGMENT } from './rollup-aggregate.ts';
import { ROLLUP_TABLES } from './rollup.repository.ts';
import { numberOrNull, type DbRow } from '../../db/row-values.ts';

/**
 * Segment-scope reads for the trends view, summed in the database, so a 90-day window over every
 * segment returns hundreds of rows, not hundreds of thousands. Raw events are never read.
 */

export interface LabelledTile {
  label: string;
  resolution: Resolution;
  fromTs: number;
  toTs: number;
}

export interface LabelledDayCounts extends Counts {
  label: string;
  segmentId: number;
  dayTs: number;
}

export interface LatencyBucketRow {
  segmentId: number;
  bucketTs: number;
  hist: string;
  maxMs: number | null;
}

const DAY = 86_400_000;

const toLabelledDayCounts = (row: DbRow): LabelledDayCounts => ({
  label: String(row.label),
  segmentId: Number(row.scope_id),
  dayTs: Number(row.day_ts),
  requests: Number(row.requests),
  errors: Number(row.errors),
});

const toMinuteCounts = (row: DbRow): MinuteCounts => ({
  ts: Number(row.bucket_ts),
  requests: Number(row.requests),
  errors: Number(row.errors),
});

const toLatencyBucket = (row: DbRow): LatencyBucketRow => ({
  segmentId: Number(row.scope_id),
  bucketTs: Number(row.bucket_ts),
  hist: String(row.latency_hist),
  maxMs: numberOrNull(row.latency_max),
});

/**
 * Requests and errors per (label, segment, UTC day) over labelled tiles, in one statement. A
 * tile's buckets all lie inside its window, so every bucket counts in exactly one day.
 */
export async function countsByDay(
  conn: Queryable,
  segmentIds: number[],
  tiles: readonly LabelledTile[],
): Promise<LabelledDayCounts[]> {
  if (segmentIds.length === 0 || tiles.length === 0) return [];
  const sql = tiles
    .map(
      (
        tile,
      ) => `SELECT ? AS label, scope_id, FLOOR(bucket_ts / ${DAY}) * ${DAY} AS day_ts, SUM(requests) AS requests, SUM(errors) AS errors
             FROM ${ROLLUP_TABLES[tile.resolution]} WHERE scope_kind = ${SCOPE_SEGMENT} AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?
            GROUP BY scope_id, day_ts`,
    )
    .join(' UNION ALL ');
  const params = tiles.flatMap((tile) => [tile.label, segmentIds, tile.fromTs, tile.toTs]);
  const [rows] = await conn.query(sql, params);
  return (rows as DbRow[]).map(toLabelledDayCounts);
}

/**
 * Hours with data per segment: hour rows with any event whose bucket starts in [fromTs, toTs).
 * One grouped read of the primary key range, at most 24 × 90 rows per segment.
 */
export async function hoursWithData(
  conn: Queryable,
  segmentIds: number[],
  fromTs: number,
  toTs: number,
): Promise<Map<number, number>> {
  if (segmentIds.length === 0 || toTs <= fromTs) return new Map();
  const [rows] = await conn.query(
    `SELECT scope_id, COUNT(*) AS hours FROM rollups_1h
      WHERE scope_kind = ${SCOPE_SEGMENT} AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND events > 0 GROUP BY scope_id`,
    [segmentIds, fromTs, toTs],
  );
  return new Map((rows as DbRow[]).map((row) => [Number(row.scope_id), Number(row.hours)]));
}

/**
 * Segment-hours whose error ratio reached burnRate × the segment's budget rate with at least
 * minErrors failures: the only hours whose minutes the incident search reads.
 */
export async function burningHours(
  conn: Queryable,
  segmentIds: number[],
  fromTs: number,
  toTs: number,
  burnRate: number,
  minErrors: number,
): Promise<{ segmentId: number; hourTs: number }[]> {
  if (segmentIds.length === 0) return [];
  const [rows] = await conn.query(
    `SELECT r.scope_id, r.bucket_ts FROM rollups_1h r JOIN segments s ON s.id = r.scope_id
      WHERE r.scope_kind = ${SCOPE_SEGMENT} AND r.scope_id IN (?) AND r.bucket_ts >= ? AND r.bucket_ts < ?
        AND r.errors >= ? AND r.errors >= r.requests * (1 - s.slo_availability) * ? - 0.000001
      ORDER BY r.scope_id, r.bucket_ts`,
    [segmentIds, fromTs, toTs, minErrors, burnRate],
  );
  return (rows as DbRow[]).map((row) => ({
    segmentId: Number(row.scope_id),
    hourTs: Number(row.bucket_ts),
  }));
}

/** One segment's minute counts in [fromTs, toTs); minutes without rollups are absent. */
export async function minuteCounts(
  conn: Queryable,
  segmentId: number,
  fromTs: number,
  toTs: number,
): Promise<MinuteCounts[]> {
  const [rows] = await conn.query(
    `SELECT bucket_ts, requests, errors FROM rollups_1m WHERE scope_kind = ${SCOPE_SEGMENT} AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ? ORDER BY bucket_ts`,
    [segmentId, fromTs, toTs],
  );
  return (rows as DbRow[]).map(toMinuteCounts);
}

/** Buckets with latency samples, histograms still packed: the caller judges each bucket once. */
export async function latencyBuckets(
  conn: Queryable,
  resolution: '1m' | '1h',
  segmentIds: number[],
  fromTs: number,
  toTs: number,
): Promise<LatencyBucketRow[]> {
  if (segmentIds.length === 0 || toTs <= fromTs) return [];
  const [rows] = await conn.query(
    `SELECT scope_id, bucket_ts, latency_hist, latency_max FROM ${ROLLUP_TABLES[resolution]}
      WHERE scope_kind = ${SCOPE_SEGMENT} AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND latency_count > 0`,
    [segmentIds, fromTs, toTs],
  );
  return (rows as DbRow[]).map(toLatencyBucket);
}
