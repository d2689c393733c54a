import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import { packBucketPoint } from './bucket-point.ts';
import { aggregateFromDb, ROLLUP_COLUMNS, type RollupDbRow } from './rollup-aggregate.ts';
import { ROLLUP_TABLES } from './rollup.repository.ts';

type Key = [scopeKind: number, scopeId: number, bucketTs: number];

const COLUMNS = ROLLUP_COLUMNS.filter((column) => column !== 'point').join(', ');

/**
 * Gives up to `limit` rows written before points existed (migration 0011) their point, walking
 * the table once in key order from `after`. Returns where it stopped, or null when it reached the
 * end. Its sums come from the columns as the server prints them (15 significant digits), where
 * the worker's own points keep all 17. Only the lease holder writes rollups, and a row's point follows from its own columns, so
 * the update is safe to repeat; `point IS NULL` keeps it from touching a row rewritten meanwhile.
 */
export async function backfillPoints(conn: Queryable, resolution: Resolution, after: Key | null, limit: number): Promise<Key | null> {
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
    await conn.query(`UPDATE ${table} SET point = ? WHERE scope_kind = ? AND scope_id = ? AND bucket_ts = ? AND point IS NULL`, [
      packBucketPoint(aggregateFromDb(row), row.latency_hist), row.scope_kind, row.scope_id, row.bucket_ts,
    ]);
  }
  const last = found[found.length - 1];
  return found.length < limit || !last ? null : [Number(last.scope_kind), Number(last.scope_id), Number(last.bucket_ts)];
}
