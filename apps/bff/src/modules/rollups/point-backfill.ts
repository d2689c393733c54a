import { RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import { packBucketPoint } from './bucket-point.ts';
import { packMinuteStrip } from './minute-strip.ts';
import {
  aggregateFromDb,
  ROLLUP_COLUMNS,
  type RollupDbRow,
  type ScopeKind,
} from './rollup-aggregate.ts';
import { readRollups, ROLLUP_TABLES } from './rollup.repository.ts';

type Key = [scopeKind: number, scopeId: number, bucketTs: number];

const COLUMNS = ROLLUP_COLUMNS.filter((column) => column !== 'point').join(', ');

/**
 * Gives up to `limit` rows written before points existed (migration 0011) their point, walking
 * the table once in key order from `after`. Returns where it stopped, or null when it reached the
 * end. Its sums come from the columns as the server prints them (15 significant digits), where
 * the worker's own points keep all 17. Only the lease holder writes rollups, and a row's point follows from its own columns, so
 * the update is safe to repeat; `point IS NULL` keeps it from touching a row rewritten meanwhile.
 */
export async function backfillPoints(
  conn: Queryable,
  resolution: Resolution,
  after: Key | null,
  limit: number,
): Promise<Key | null> {
  const table = ROLLUP_TABLES[resolution];
  const [k, id, ts] = after ?? [-1, -1, -1];
  const [rows] = await conn.query(
    `SELECT ${COLUMNS} FROM ${table}
      WHERE point IS NULL AND (scope_kind > ? OR (scope_kind = ? AND (scope_id > ? OR (scope_id = ? AND bucket_ts > ?))))
      ORDER BY scope_kind, scope_id, bucket_ts LIMIT ?`,
    [k, k, id, id, ts, limit],
  );
  const found = rows as RollupDbRow[];
  for (const row of found) {
    await conn.query(
      `UPDATE ${table} SET point = ? WHERE scope_kind = ? AND scope_id = ? AND bucket_ts = ? AND point IS NULL`,
      [
        packBucketPoint(aggregateFromDb(row), row.latency_hist),
        row.scope_kind,
        row.scope_id,
        row.bucket_ts,
      ],
    );
  }
  const last = found[found.length - 1];
  return found.length < limit || !last
    ? null
    : [Number(last.scope_kind), Number(last.scope_id), Number(last.bucket_ts)];
}

/**
 * Gives up to `limit` hour rows written before minute strips existed (migration 0012) the points
 * of their minutes, walking rollups_1h once in key order from `after`; null when it reached the
 * end. Like the worker, it runs only under the rollup lease, and `minute_points IS NULL` keeps it
 * from touching an hour the worker rewrote meanwhile.
 */
export async function backfillMinuteStrips(
  conn: Queryable,
  after: Key | null,
  limit: number,
): Promise<Key | null> {
  const [k, id, ts] = after ?? [-1, -1, -1];
  const [rows] = await conn.query(
    `SELECT scope_kind, scope_id, bucket_ts FROM rollups_1h
      WHERE minute_points IS NULL AND (scope_kind > ? OR (scope_kind = ? AND (scope_id > ? OR (scope_id = ? AND bucket_ts > ?))))
      ORDER BY scope_kind, scope_id, bucket_ts LIMIT ?`,
    [k, k, id, id, ts, limit],
  );
  const found = (rows as { scope_kind: number; scope_id: number; bucket_ts: number }[]).map(
    (r): Key => [Number(r.scope_kind), Number(r.scope_id), Number(r.bucket_ts)],
  );
  for (const [kind, scopeId, hourTs] of found) {
    const minutes = await readRollups(
      conn,
      '1m',
      kind as ScopeKind,
      [scopeId],
      hourTs,
      hourTs + RESOLUTIONS['1h'],
    );
    await conn.query(
      'UPDATE rollups_1h SET minute_points = ? WHERE scope_kind = ? AND scope_id = ? AND bucket_ts = ? AND minute_points IS NULL',
      [packMinuteStrip(hourTs, minutes), kind, scopeId, hourTs],
    );
  }
  const last = found[found.length - 1];
  return found.length < limit || !last ? null : last;
}
