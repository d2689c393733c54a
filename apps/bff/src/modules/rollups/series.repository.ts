import { bucketStart, RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import { requireBucketPoint } from './bucket-point.ts';
import { minutesOfHours } from './minute-strip.ts';
import type { ScopeKind } from './rollup-aggregate.ts';
import { ROLLUP_TABLES } from './rollup.repository.ts';
import { toSeriesBucket, type SeriesBucket } from './series-bucket.ts';

const HOUR = RESOLUTIONS['1h'];

/** Whether a series reads its minutes from the hour rows' strips: a day is 25 rows, not 1,440. */
export const readsMinuteStrips = (resolution: Resolution, fromTs: number, toTs: number) =>
  resolution === '1m' && toTs - fromTs > HOUR;

/**
 * One scope's series at one resolution, for buckets overlapping [fromTs, toTs): each bucket read
 * as its stored point (figures and percentiles the worker estimated from the bucket's histogram).
 * Minutes over more than an hour come from the hour rows' minute strips; shorter spans read the
 * minute rows' points. Buckets without data are absent: a gap stays a gap.
 */
export async function readSeries(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[]> {
  if (readsMinuteStrips(resolution, fromTs, toTs))
    return readMinutesFromStrips(conn, scopeKind, scopeId, fromTs, toTs);
  return readSeriesFromPoints(conn, resolution, scopeKind, scopeId, fromTs, toTs);
}

async function readMinutesFromStrips(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[]> {
  const [rows] = await conn.query(
    {
      sql: 'SELECT bucket_ts, minute_points FROM rollups_1h WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ? ORDER BY bucket_ts',
      rowsAsArray: true,
    },
    [scopeKind, scopeId, bucketStart(fromTs, '1h'), toTs],
  );
  return minutesOfHours((rows as unknown[][]).map(toStripRow), fromTs, toTs);
}

/** An hour row's start and minute strip, read as an array. */
export function toStripRow([hourTs, strip]: readonly unknown[]): [number, string | null] {
  return [Number(hourTs), strip === null ? null : String(strip)];
}

async function readSeriesFromPoints(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[]> {
  const [rows] = await conn.query(
    {
      sql: `SELECT bucket_ts, point FROM ${ROLLUP_TABLES[resolution]} WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ? ORDER BY bucket_ts`,
      rowsAsArray: true,
    },
    [scopeKind, scopeId, bucketStart(fromTs, resolution), toTs],
  );
  return (rows as unknown[][]).map(([bucketTs, point]) => {
    const ts = Number(bucketTs);
    return toSeriesBucket(ts, requireBucketPoint(point === null ? null : String(point), ts));
  });
}
