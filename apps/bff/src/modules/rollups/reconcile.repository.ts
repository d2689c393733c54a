import type { Queryable } from '../../db/pool.ts';

export type HourCounts = Map<string, number>;
const key = (entityId: number, hour: number) => `${entityId}:${hour}`;

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
    for (const r of rows as { entity_id: number; hour_ts: number; n: number }[])
      counts.set(key(r.entity_id, Number(r.hour_ts)), Number(r.n));
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
  return new Map(
    (rows as { scope_id: number; hour_ts: number; n: number }[]).map((r) => [
      key(r.scope_id, Number(r.hour_ts)),
      Number(r.n),
    ]),
  );
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
  return new Map(
    (rows as { scope_id: number; bucket_ts: number; events: number }[]).map((r) => [
      key(r.scope_id, Number(r.bucket_ts)),
      Number(r.events),
    ]),
  );
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
  return new Set(
    (rows as { entity_id: number; hour_ts: number }[]).map((r) =>
      key(r.entity_id, Number(r.hour_ts)),
    ),
  );
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
  const runId = (result as { insertId: number }).insertId;
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
  const run = (
    runs as {
      id: number;
      ran_at: number;
      horizon_from: number;
      horizon_to: number;
      checked: number;
    }[]
  )[0];
  if (!run) return null;
  const [rows] = await conn.query(
    `SELECT m.entity_id, e.slug, m.hour_ts, m.raw_count, m.minute_count, m.hour_count
       FROM reconciliation_mismatches m JOIN entities e ON e.id = m.entity_id WHERE m.run_id = ? ORDER BY m.hour_ts, e.slug LIMIT 1000`,
    [run.id],
  );
  return {
    id: Number(run.id),
    ranAt: Number(run.ran_at),
    horizonFrom: Number(run.horizon_from),
    horizonTo: Number(run.horizon_to),
    checked: run.checked,
    mismatches: (
      rows as {
        entity_id: number;
        slug: string;
        hour_ts: number;
        raw_count: number;
        minute_count: number;
        hour_count: number;
      }[]
    ).map((r) => ({
      entityId: r.entity_id,
      entity: r.slug,
      hourTs: Number(r.hour_ts),
      rawCount: r.raw_count,
      minuteCount: r.minute_count,
      hourCount: r.hour_count,
    })),
  };
}

export async function pruneReconciliations(conn: Queryable, beforeTs: number): Promise<void> {
  await conn.query(
    'DELETE FROM reconciliation_mismatches WHERE run_id IN (SELECT id FROM (SELECT id FROM reconciliation_runs WHERE ran_at < ?) AS old)',
    [beforeTs],
  );
  await conn.query('DELETE FROM reconciliation_runs WHERE ran_at < ?', [beforeTs]);
}
