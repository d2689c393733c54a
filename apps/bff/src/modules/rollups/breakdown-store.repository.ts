import type { PoolConnection, Queryable } from '../../db/pool.ts';
import type { DbRow } from '../../db/row-values.ts';
import type { BreakdownCell, BreakdownScopeKind } from './breakdown-cell.ts';

/** The worker's side of the breakdown tables (migration 0019): reads that feed a bucket, and its replacement. */

export const BREAKDOWN_TABLES = {
  '1m': 'rollup_breakdown_1m',
  '1h': 'rollup_breakdown_1h',
} as const;
export type BreakdownResolution = keyof typeof BREAKDOWN_TABLES;

const HOUR = 3_600_000;
const ROWS_PER_INSERT = 1_000;
const IDS_PER_DELETE = 1_000;

const toCell =
  (scopeKind: BreakdownScopeKind, scopeId?: number) =>
  (row: DbRow): BreakdownCell => ({
    scopeKind,
    scopeId: scopeId ?? Number(row.scope_id),
    bucketTs: Number(row.bucket_ts),
    kind: Number(row.kind),
    errorClass: String(row.error_class ?? ''),
    events: Number(row.events),
    errors: Number(row.errors),
    latencyCount: Number(row.latency_count),
    latencySum: Number(row.latency_sum ?? 0),
  });

/**
 * Error events of the given entities and span per entity-minute, kind and class. The range is read
 * along ix_events_entity_ts (whose status column filters before the row is fetched), so only error
 * events cost a row lookup for their class: ok events are counted from the rollup's own read.
 */
export async function readRawErrorCells(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<BreakdownCell[]> {
  if (entityIds.length === 0) return [];
  const [rows] = await conn.query(
    `SELECT entity_id AS scope_id, FLOOR(ts / 60000) * 60000 AS bucket_ts, kind, COALESCE(error_class, '') AS error_class,
            COUNT(*) AS events, COUNT(*) AS errors, COUNT(latency_ms) AS latency_count, SUM(latency_ms) AS latency_sum
       FROM events FORCE INDEX (ix_events_entity_ts)
      WHERE entity_id IN (?) AND ts >= ? AND ts < ? AND status = 1
      GROUP BY entity_id, FLOOR(ts / 60000), kind, COALESCE(error_class, '')`,
    [entityIds, fromTs, toTs],
  );
  return (rows as DbRow[]).map(toCell(1));
}

/** One scope's minute cells as the sum of its children's minute cells (a segment's entities). */
export async function sumChildMinuteCells(
  conn: Queryable,
  scope: {
    kind: BreakdownScopeKind;
    id: number;
    childKind: BreakdownScopeKind;
    childIds: number[];
  },
  fromTs: number,
  toTs: number,
): Promise<BreakdownCell[]> {
  if (scope.childIds.length === 0) return [];
  const [rows] = await conn.query(
    `SELECT bucket_ts, kind, error_class, SUM(events) AS events, SUM(errors) AS errors,
            SUM(latency_count) AS latency_count, SUM(latency_sum) AS latency_sum
       FROM rollup_breakdown_1m
      WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?
      GROUP BY bucket_ts, kind, error_class`,
    [scope.childKind, scope.childIds, fromTs, toTs],
  );
  return (rows as DbRow[]).map(toCell(scope.kind, scope.id));
}

/** Hour cells of the given scopes as the sums of their minute cells, over whole hours [fromTs, toTs). */
export async function sumMinuteCellsByHour(
  conn: Queryable,
  scopeKind: BreakdownScopeKind,
  scopeIds: number[],
  fromTs: number,
  toTs: number,
): Promise<BreakdownCell[]> {
  if (scopeIds.length === 0) return [];
  const [rows] = await conn.query(
    `SELECT scope_id, FLOOR(bucket_ts / ${HOUR}) * ${HOUR} AS bucket_ts, kind, error_class,
            SUM(events) AS events, SUM(errors) AS errors, SUM(latency_count) AS latency_count, SUM(latency_sum) AS latency_sum
       FROM rollup_breakdown_1m
      WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?
      GROUP BY scope_id, FLOOR(bucket_ts / ${HOUR}), kind, error_class`,
    [scopeKind, scopeIds, fromTs, toTs],
  );
  return (rows as DbRow[]).map(toCell(scopeKind));
}

/**
 * Replaces whole buckets: every row of each listed (scope, bucket) goes, then the bucket's cells
 * are written, so a class no longer present leaves no row behind. Cells that the table's collation
 * holds equal (e.g. classes differing only in case) add up instead of colliding.
 */
export async function replaceBreakdownBuckets(
  conn: PoolConnection,
  resolution: BreakdownResolution,
  scopeKind: BreakdownScopeKind,
  buckets: readonly [scopeId: number, bucketTs: number][],
  cells: readonly BreakdownCell[],
): Promise<void> {
  const table = BREAKDOWN_TABLES[resolution];
  for (const [column, values, fixed] of deleteGroups(buckets))
    for (let start = 0; start < values.length; start += IDS_PER_DELETE)
      await conn.query(
        `DELETE FROM ${table} WHERE scope_kind = ? AND ${column === 'scope_id' ? 'bucket_ts' : 'scope_id'} = ? AND ${column} IN (?)`,
        [scopeKind, fixed, values.slice(start, start + IDS_PER_DELETE)],
      );
  for (let start = 0; start < cells.length; start += ROWS_PER_INSERT) {
    const values = cells
      .slice(start, start + ROWS_PER_INSERT)
      .map((c) => [
        c.scopeKind,
        c.scopeId,
        c.bucketTs,
        c.kind,
        c.errorClass,
        c.events,
        c.errors,
        c.latencyCount,
        c.latencySum,
      ]);
    await conn.query(
      `INSERT INTO ${table} (scope_kind, scope_id, bucket_ts, kind, error_class, events, errors, latency_count, latency_sum) VALUES ?
         ON DUPLICATE KEY UPDATE events = events + VALUES(events), errors = errors + VALUES(errors),
           latency_count = latency_count + VALUES(latency_count), latency_sum = latency_sum + VALUES(latency_sum)`,
      [values],
    );
  }
}

/**
 * The buckets to clear as the fewer of two shapes: one statement per bucket listing its scopes (a
 * live run: every entity, one or two minutes) or one per scope listing its buckets (a backfill:
 * few entities, many minutes). Each group: [listed column, its values, the fixed other value].
 */
function deleteGroups(
  buckets: readonly [scopeId: number, bucketTs: number][],
): ['scope_id' | 'bucket_ts', number[], number][] {
  const byBucket = new Map<number, number[]>();
  const byScope = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, key: number, value: number) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const [scopeId, bucketTs] of buckets) {
    add(byBucket, bucketTs, scopeId);
    add(byScope, scopeId, bucketTs);
  }
  return byBucket.size <= byScope.size
    ? [...byBucket].map(([bucketTs, ids]) => ['scope_id', ids, bucketTs])
    : [...byScope].map(([scopeId, ts]) => ['bucket_ts', ts, scopeId]);
}
