import type { Queryable } from '../../db/pool.ts';

/**
 * Registry and pipeline reads for the drill-down levels (overview, segment, entity); the rollup
 * reads themselves are in rollup-reads.repository.ts. Raw events are read only by the raw-events level.
 */

export interface EntityCounts {
  total: number;
  /** Entities expected to send data; drained or quarantined ones may fall silent on purpose. */
  active: number;
}

export async function entityCountsBySegment(conn: Queryable): Promise<Map<number, EntityCounts>> {
  const [rows] = await conn.query(
    `SELECT segment_id, COUNT(*) AS total, SUM(CASE WHEN state = 'active' THEN 1 ELSE 0 END) AS active
       FROM entities GROUP BY segment_id`,
  );
  return new Map(
    (rows as { segment_id: number; total: number; active: number | null }[]).map((row) => [
      Number(row.segment_id),
      { total: Number(row.total), active: Number(row.active ?? 0) },
    ]),
  );
}

/**
 * Latest minute per segment with events that arrived but are not rolled up yet, in [fromTs, toTs).
 * Such minutes are signal: a segment must not look silent only because the worker is behind.
 */
export async function latestPendingMinuteBySegment(conn: Queryable, fromTs: number, toTs: number): Promise<Map<number, number>> {
  if (toTs <= fromTs) return new Map();
  const [rows] = await conn.query(
    `SELECT e.segment_id, MAX(d.minute_ts) AS latest
       FROM rollup_dirty d JOIN entities e ON e.id = d.entity_id
      WHERE d.minute_ts >= ? AND d.minute_ts < ?
      GROUP BY e.segment_id`,
    [fromTs, toTs],
  );
  return new Map((rows as { segment_id: number; latest: number }[]).map((row) => [Number(row.segment_id), Number(row.latest)]));
}

/**
 * Active entities per segment with neither a rolled-up nor a pending minute in [fromTs, toTs):
 * the silent ones. Two index range reads; the counting happens here.
 */
export async function silentEntityCounts(conn: Queryable, fromTs: number, toTs: number): Promise<Map<number, number>> {
  const [active] = await conn.query("SELECT id, segment_id FROM entities WHERE state = 'active'");
  const entities = active as { id: number; segment_id: number }[];
  if (entities.length === 0) return new Map();
  const [rolled] = await conn.query('SELECT DISTINCT scope_id AS id FROM rollups_1m WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?', [entities.map((e) => e.id), fromTs, toTs]);
  const [pending] = await conn.query('SELECT DISTINCT entity_id AS id FROM rollup_dirty WHERE minute_ts >= ? AND minute_ts < ?', [fromTs, toTs]);
  const heard = new Set([...(rolled as { id: number }[]), ...(pending as { id: number }[])].map((row) => Number(row.id)));
  const counts = new Map<number, number>();
  for (const entity of entities) if (!heard.has(entity.id)) counts.set(entity.segment_id, (counts.get(entity.segment_id) ?? 0) + 1);
  return counts;
}
