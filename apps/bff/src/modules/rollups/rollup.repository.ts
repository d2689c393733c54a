import type { PoolConnection, Queryable } from '../../db/pool.ts';
import { addToHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { ALERT_CODE, HEARTBEAT_CODE, TRAFFIC_KIND_CODES } from '../ingest/event-codes.ts';
import {
  ROLLUP_COLUMNS,
  SCOPE_ENTITY,
  aggregateFromDb,
  aggregateToDbValues,
  emptyAggregate,
  type RollupAggregate,
  type RollupDbRow,
  type ScopeKind,
} from './rollup-aggregate.ts';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';

export const ROLLUP_TABLES: Record<Resolution, string> = {
  '1m': 'rollups_1m',
  '1h': 'rollups_1h',
  '1d': 'rollups_1d',
};

export interface DirtyRow {
  id: number;
  entityId: number;
  minuteTs: number;
  createdAt: number;
}

export async function readDirty(conn: Queryable, limit: number): Promise<DirtyRow[]> {
  const [rows] = await conn.query(
    'SELECT id, entity_id, minute_ts, created_at FROM rollup_dirty ORDER BY id LIMIT ?',
    [limit],
  );
  return (rows as { id: number; entity_id: number; minute_ts: number; created_at: number }[]).map(
    (row) => ({
      id: Number(row.id),
      entityId: row.entity_id,
      minuteTs: Number(row.minute_ts),
      createdAt: Number(row.created_at),
    }),
  );
}

/** Deletes exactly the dirty rows this run read; rows added meanwhile stay for the next run. */
export async function deleteDirty(conn: PoolConnection, ids: number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 5_000) {
    await conn.query('DELETE FROM rollup_dirty WHERE id IN (?)', [ids.slice(start, start + 5_000)]);
  }
}

export async function markDirtyMinutes(
  conn: Queryable,
  pairs: [entityId: number, minuteTs: number][],
  now: number,
): Promise<void> {
  for (let start = 0; start < pairs.length; start += 5_000) {
    await conn.query('INSERT INTO rollup_dirty (entity_id, minute_ts, created_at) VALUES ?', [
      pairs.slice(start, start + 5_000).map(([e, m]) => [e, m, now]),
    ]);
  }
}

export async function entitySegments(conn: Queryable): Promise<Map<number, number>> {
  const [rows] = await conn.query('SELECT id, segment_id FROM entities');
  return new Map(
    (rows as { id: number; segment_id: number }[]).map((row) => [row.id, row.segment_id]),
  );
}

interface RawGroupRow {
  entity_id: number;
  minute_ts: number;
  kind: number;
  status: number;
  latency_bucket: number | null;
  n: number;
  lat_n: number;
  lat_sum: number | null;
  lat_max: number | null;
  g_n: number;
  g_sum: number | null;
  g_min: number | null;
  g_max: number | null;
  last_ts: number;
}

/** Entity-minute aggregates straight from raw events for the given entities and time span. */
export async function aggregateRawEntityMinutes(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<Map<string, RollupAggregate>> {
  const [rows] = await conn.query(
    `SELECT entity_id, FLOOR(ts / 60000) * 60000 AS minute_ts, kind, status, latency_bucket,
            COUNT(*) AS n, COUNT(latency_ms) AS lat_n, SUM(latency_ms) AS lat_sum, MAX(latency_ms) AS lat_max,
            COUNT(value) AS g_n, SUM(value) AS g_sum, MIN(value) AS g_min, MAX(value) AS g_max, MAX(ts) AS last_ts
       FROM events
      WHERE entity_id IN (?) AND ts >= ? AND ts < ?
      GROUP BY entity_id, FLOOR(ts / 60000), kind, status, latency_bucket`,
    [entityIds, fromTs, toTs],
  );
  const out = new Map<string, RollupAggregate>();
  for (const row of rows as RawGroupRow[]) {
    const minute = Number(row.minute_ts);
    const key = `${row.entity_id}:${minute}`;
    let agg = out.get(key);
    if (!agg) out.set(key, (agg = emptyAggregate(SCOPE_ENTITY, row.entity_id, minute)));
    foldRawGroup(agg, row);
  }
  return out;
}

function foldRawGroup(agg: RollupAggregate, row: RawGroupRow): void {
  const n = Number(row.n);
  agg.events += n;
  agg.lastTs = Math.max(agg.lastTs, Number(row.last_ts));
  if (row.kind === HEARTBEAT_CODE) agg.heartbeats += n;
  if (row.kind === ALERT_CODE) agg.alerts += n;
  if (TRAFFIC_KIND_CODES.includes(row.kind)) {
    agg.requests += n;
    if (row.status === 1) agg.errors += n;
    const latN = Number(row.lat_n);
    if (latN > 0 && row.latency_bucket !== null) {
      agg.latencyCount += latN;
      agg.latencySum += Number(row.lat_sum ?? 0);
      const max = row.lat_max === null ? null : Number(row.lat_max);
      agg.latencyMax =
        agg.latencyMax === null
          ? max
          : max === null
            ? agg.latencyMax
            : Math.max(agg.latencyMax, max);
      addToHistogram(agg.hist, row.latency_bucket, latN);
    }
  }
  const gN = Number(row.g_n);
  if (gN > 0) {
    agg.gaugeCount += gN;
    agg.gaugeSum = (agg.gaugeSum ?? 0) + Number(row.g_sum);
    agg.gaugeMin =
      agg.gaugeMin === null ? Number(row.g_min) : Math.min(agg.gaugeMin, Number(row.g_min));
    agg.gaugeMax =
      agg.gaugeMax === null ? Number(row.g_max) : Math.max(agg.gaugeMax, Number(row.g_max));
  }
}

export async function readRollups(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeIds: number[],
  fromTs: number,
  toTs: number,
): Promise<RollupAggregate[]> {
  if (scopeIds.length === 0) return [];
  const [rows] = await conn.query(
    `SELECT ${ROLLUP_COLUMNS.join(', ')} FROM ${ROLLUP_TABLES[resolution]}
      WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?
      ORDER BY scope_id, bucket_ts`,
    [scopeKind, scopeIds, fromTs, toTs],
  );
  return (rows as RollupDbRow[]).map(aggregateFromDb);
}

/** Hour rows also carry their minutes' points (migration 0012). */
const COLUMNS_BY_TABLE: Record<Resolution, readonly string[]> = {
  '1m': ROLLUP_COLUMNS,
  '1h': [...ROLLUP_COLUMNS, 'minute_points'],
  '1d': ROLLUP_COLUMNS,
};

/** Replaces buckets (never adds to them), so recomputing the same bucket twice is harmless. */
export async function upsertRollups(
  conn: PoolConnection,
  resolution: Resolution,
  aggregates: RollupAggregate[],
): Promise<void> {
  const columns = COLUMNS_BY_TABLE[resolution];
  const assignments = columns
    .slice(3)
    .map((column) => `${column} = VALUES(${column})`)
    .join(', ');
  const toValues =
    resolution === '1h'
      ? (a: RollupAggregate) => [...aggregateToDbValues(a), a.minutePoints ?? null]
      : aggregateToDbValues;
  for (let start = 0; start < aggregates.length; start += 1_000) {
    const values = aggregates.slice(start, start + 1_000).map(toValues);
    await conn.query(
      `INSERT INTO ${ROLLUP_TABLES[resolution]} (${columns.join(', ')}) VALUES ? ON DUPLICATE KEY UPDATE ${assignments}`,
      [values],
    );
  }
}

export async function deleteRollup(
  conn: PoolConnection,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  bucketTs: number,
): Promise<void> {
  await conn.query(
    `DELETE FROM ${ROLLUP_TABLES[resolution]} WHERE scope_kind = ? AND scope_id = ? AND bucket_ts = ?`,
    [scopeKind, scopeId, bucketTs],
  );
}
