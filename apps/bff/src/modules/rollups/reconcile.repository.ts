import { withTransaction, type Pool, type Queryable } from '../../db/pool.ts';
import type { DbRow } from '../../db/row-values.ts';

export type HourCounts = Map<string, number>;
const key = (entityId: number, hour: number) => `${entityId}:${hour}`;

/** An entity-hour's count from a row of (entity or scope id, hour start, count). */
const toHourCount = (id: unknown, hourTs: unknown, count: unknown): [string, number] => [
  key(Number(id), Number(hourTs)),
  Number(count),
];

export interface HourCountsSnapshot {
  raw: HourCounts;
  minutes: HourCounts;
  hours: HourCounts;
  /** Entity-hours with a dirty mark: their rollups may lag their raw events. */
  pending: Set<string>;
}

/**
 * Raw, minute-rollup and hour-rollup counts per entity-hour and the entity-hours still pending,
 * all read in one REPEATABLE READ snapshot. `entityIds` runs first inside it and says which
 * entities to count (so an entity registered meanwhile is counted in every read or in none).
 */
export function readHourCountsSnapshot(
  pool: Pool,
  entityIds: (conn: Queryable) => Promise<number[]>,
  fromTs: number,
  toTs: number,
): Promise<HourCountsSnapshot> {
  return withTransaction(
    pool,
    async (conn) => {
      const ids = await entityIds(conn);
      const raw = await rawCountsByEntityHour(conn, ids, fromTs, toTs);
      const minutes = await minuteRollupCountsByEntityHour(conn, ids, fromTs, toTs);
      const hours = await hourRollupCounts(conn, ids, fromTs, toTs);
      const pending = await pendingEntityHours(conn, fromTs, toTs);
      return { raw, minutes, hours, pending };
    },
    'REPEATABLE READ',
  );
}

const ENTITIES_PER_STATEMENT = 1_000;

/**
 * Raw event counts per entity-hour, read per entity through ix_events_entity_ts (events has no
 * index led by ts, so that ingest maintains one index fewer).
 */
export async function rawCountsByEntityHour(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<HourCounts> {
  const counts: HourCounts = new Map();
  for (let start = 0; start < entityIds.length; start += ENTITIES_PER_STATEMENT) {
    const [rows] = await conn.query(
      `SELECT entity_id, FLOOR(ts / 3600000) * 3600000 AS hour_ts, COUNT(*) AS n
         FROM events FORCE INDEX (ix_events_entity_ts)
        WHERE entity_id IN (?) AND ts >= ? AND ts < ? GROUP BY entity_id, FLOOR(ts / 3600000)`,
      [entityIds.slice(start, start + ENTITIES_PER_STATEMENT), fromTs, toTs],
    );
    for (const r of rows as DbRow[]) counts.set(...toHourCount(r.entity_id, r.hour_ts, r.n));
  }
  return counts;
}

export async function minuteRollupCountsByEntityHour(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<HourCounts> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    `SELECT scope_id, FLOOR(bucket_ts / 3600000) * 3600000 AS hour_ts, SUM(events) AS n
       FROM rollups_1m WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?
      GROUP BY scope_id, FLOOR(bucket_ts / 3600000)`,
    [entityIds, fromTs, toTs],
  );
  return new Map((rows as DbRow[]).map((r) => toHourCount(r.scope_id, r.hour_ts, r.n)));
}

export async function hourRollupCounts(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<HourCounts> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT scope_id, bucket_ts, events FROM rollups_1h WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?',
    [entityIds, fromTs, toTs],
  );
  return new Map((rows as DbRow[]).map((r) => toHourCount(r.scope_id, r.bucket_ts, r.events)));
}

export async function pendingEntityHours(
  conn: Queryable,
  fromTs: number,
  toTs: number,
): Promise<Set<string>> {
  const [rows] = await conn.query(
    `SELECT DISTINCT entity_id, FLOOR(minute_ts / 3600000) * 3600000 AS hour_ts FROM rollup_dirty WHERE minute_ts >= ? AND minute_ts < ?`,
    [fromTs, toTs],
  );
  return new Set((rows as DbRow[]).map((r) => key(Number(r.entity_id), Number(r.hour_ts))));
}

export interface Mismatch {
  entityId: number;
  hourTs: number;
  rawCount: number;
  minuteCount: number;
  hourCount: number;
}

export async function recordReconciliation(
  conn: Queryable,
  ranAt: number,
  fromTs: number,
  toTs: number,
  checked: number,
  mismatches: Mismatch[],
): Promise<number> {
  const [result] = await conn.query(
    'INSERT INTO reconciliation_runs (ran_at, horizon_from, horizon_to, checked, mismatch_count) VALUES (?, ?, ?, ?, ?)',
    [ranAt, fromTs, toTs, checked, mismatches.length],
  );
  const runId = Number((result as { insertId: number }).insertId);
  if (mismatches.length > 0) {
    await conn.query(
      'INSERT INTO reconciliation_mismatches (run_id, entity_id, hour_ts, raw_count, minute_count, hour_count) VALUES ?',
      [
        mismatches
          .slice(0, 10_000)
          .map((m) => [runId, m.entityId, m.hourTs, m.rawCount, m.minuteCount, m.hourCount]),
      ],
    );
  }
  return runId;
}

export interface ReconciliationRecord {
  id: number;
  ranAt: number;
  horizonFrom: number;
  horizonTo: number;
  checked: number;
  mismatches: (Mismatch & { entity: string })[];
}

export async function latestReconciliation(conn: Queryable): Promise<ReconciliationRecord | null> {
  const [runs] = await conn.query(
    'SELECT id, ran_at, horizon_from, horizon_to, checked FROM reconciliation_runs ORDER BY id DESC LIMIT 1',
  );
  const run = (runs as DbRow[])[0];
  if (!run) return null;
  const [rows] = await conn.query(
    `SELECT m.entity_id, e.slug, m.hour_ts, m.raw_count, m.minute_count, m.hour_count
       FROM reconciliation_mismatches m JOIN entities e ON e.id = m.entity_id WHERE m.run_id = ? ORDER BY m.hour_ts, e.slug LIMIT 1000`,
    [run.id],
  );
  return toReconciliationRecord(run, rows as DbRow[]);
}

const toReconciliationRecord = (run: DbRow, mismatches: DbRow[]): ReconciliationRecord => ({
  id: Number(run.id),
  ranAt: Number(run.ran_at),
  horizonFrom: Number(run.horizon_from),
  horizonTo: Number(run.horizon_to),
  checked: Number(run.checked),
  mismatches: mismatches.map((r) => ({
    entityId: Number(r.entity_id),
    entity: String(r.slug),
    hourTs: Number(r.hour_ts),
    rawCount: Number(r.raw_count),
    minuteCount: Number(r.minute_count),
    hourCount: Number(r.hour_count),
  })),
});

export async function pruneReconciliations(conn: Queryable, beforeTs: number): Promise<void> {
  await conn.query(
    'DELETE FROM reconciliation_mismatches WHERE run_id IN (SELECT id FROM (SELECT id FROM reconciliation_runs WHERE ran_at < ?) AS old)',
    [beforeTs],
  );
  await conn.query('DELETE FROM reconciliation_runs WHERE ran_at < ?', [beforeTs]);
}
