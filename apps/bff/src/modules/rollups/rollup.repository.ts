import type { PoolConnection, Queryable } from '../../db/pool.ts';
import { addToHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { ALERT_CODE, HEARTBEAT_CODE, TRAFFIC_KIND_CODES } from '../ingest/event-codes.ts';
import {
  ROLLUP_COLUMNS,
  SCOPE_ENTITY,
  aggregateFromDb,
  aggregateToDbValues,
  emptyAggregate,
  maxOf,
  type RollupAggregate,
  type RollupDbRow,
  type ScopeKind,
} from './rollup-aggregate.ts';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import { numberOrNull, type DbRow } from '../../db/row-values.ts';

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

const toDirtyRow = (row: DbRow): DirtyRow => ({
  id: Number(row.id),
  entityId: Number(row.entity_id),
  minuteTs: Number(row.minute_ts),
  createdAt: Number(row.created_at),
});

export async function readDirty(conn: Queryable, limit: number): Promise<DirtyRow[]> {
  const [rows] = await conn.query(
    'SELECT id, entity_id, minute_ts, created_at FROM rollup_dirty ORDER BY id LIMIT ?',
    [limit],
  );
  return (rows as DbRow[]).map(toDirtyRow);
}

/** The oldest minute still marked dirty, null when nothing is pending. */
export async function oldestDirtyMinute(conn: Queryable): Promise<number | null> {
  const [rows] = await conn.query('SELECT MIN(minute_ts) AS m FROM rollup_dirty');
  return numberOrNull((rows as DbRow[])[0]?.m);
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
  return new Map((rows as DbRow[]).map((row) => [Number(row.id), Number(row.segment_id)]));
}

/** One group of an entity-minute's raw events: same kind, status and latency bucket. */
export interface RawGroup {
  entityId: number;
  minuteTs: number;
  kind: number;
  status: number;
  latencyBucket: number | null;
  n: number;
  latN: number;
  latSum: number;
  latMax: number | null;
  gN: number;
  /** Gauge figures mean something only when gN > 0. */
  gSum: number;
  gMin: number;
  gMax: number;
  lastTs: number;
}

const toRawGroup = (row: DbRow): RawGroup => ({
  entityId: Number(row.entity_id),
  minuteTs: Number(row.minute_ts),
  kind: Number(row.kind),
  status: Number(row.status),
  latencyBucket: numberOrNull(row.latency_bucket),
  n: Number(row.n),
  latN: Number(row.lat_n),
  latSum: Number(row.lat_sum ?? 0),
  latMax: numberOrNull(row.lat_max),
  gN: Number(row.g_n),
  gSum: Number(row.g_sum),
  gMin: Number(row.g_min),
  gMax: Number(row.g_max),
  lastTs: Number(row.last_ts),
});

/**
 * Raw events of the given entities and time span, grouped per entity-minute by kind, status and
 * latency bucket: read from ix_events_entity_ts alone, which carries every column grouped here.
 */
export async function readRawEntityGroups(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<RawGroup[]> {
  const [rows] = await conn.query(
    `SELECT entity_id, FLOOR(ts / 60000) * 60000 AS minute_ts, kind, status, latency_bucket,
            COUNT(*) AS n, COUNT(latency_ms) AS lat_n, SUM(latency_ms) AS lat_sum, MAX(latency_ms) AS lat_max,
            COUNT(value) AS g_n, SUM(value) AS g_sum, MIN(value) AS g_min, MAX(value) AS g_max, MAX(ts) AS last_ts
       FROM events
      WHERE entity_id IN (?) AND ts >= ? AND ts < ?
      GROUP BY entity_id, FLOOR(ts / 60000), kind, status, latency_bucket`,
    [entityIds, fromTs, toTs],
  );
  return (rows as DbRow[]).map(toRawGroup);
}

/** Entity-minute aggregates, keyed `entityId:minuteTs`, from the raw groups of those minutes. */
export function aggregateRawGroups(groups: readonly RawGroup[]): Map<string, RollupAggregate> {
  const out = new Map<string, RollupAggregate>();
  for (const group of groups) {
    const key = `${group.entityId}:${group.minuteTs}`;
    let agg = out.get(key);
    if (!agg) out.set(key, (agg = emptyAggregate(SCOPE_ENTITY, group.entityId, group.minuteTs)));
    foldRawGroup(agg, group);
  }
  return out;
}

function foldRawGroup(agg: RollupAggregate, group: RawGroup): void {
  const { n, latN, gN } = group;
  agg.events += n;
  agg.lastTs = Math.max(agg.lastTs, group.lastTs);
  if (group.kind === HEARTBEAT_CODE) agg.heartbeats += n;
  if (group.kind === ALERT_CODE) agg.alerts += n;
  if (TRAFFIC_KIND_CODES.includes(group.kind)) {
    agg.requests += n;
    if (group.status === 1) agg.errors += n;
    if (latN > 0 && group.latencyBucket !== null) {
      agg.latencyCount += latN;
      agg.latencySum += group.latSum;
      agg.latencyMax = maxOf(agg.latencyMax, group.latMax);
      addToHistogram(agg.hist, group.latencyBucket, latN);
    }
  }
  if (gN > 0) {
    agg.gaugeCount += gN;
    agg.gaugeSum = (agg.gaugeSum ?? 0) + group.gSum;
    agg.gaugeMin = agg.gaugeMin === null ? group.gMin : Math.min(agg.gaugeMin, group.gMin);
    agg.gaugeMax = agg.gaugeMax === null ? group.gMax : Math.max(agg.gaugeMax, group.gMax);
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
