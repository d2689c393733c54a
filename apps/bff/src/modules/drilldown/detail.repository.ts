import type { Annotation } from '@watchfloor/shared/drilldown';
import type { SparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';
import type { Queryable } from '../../db/pool.ts';
import { ROLLUP_TABLES } from '../rollups/rollup.repository.ts';

/** Latest event time per entity from its day rollups: last-seen for entities quiet in the window. */
export async function lastSeenByEntity(conn: Queryable, entityIds: number[], beforeTs: number): Promise<Map<number, number>> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT scope_id, MAX(last_ts) AS last_ts FROM rollups_1d WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts < ? GROUP BY scope_id',
    [entityIds, beforeTs],
  );
  return new Map((rows as { scope_id: number; last_ts: number }[]).map((r) => [Number(r.scope_id), Math.min(Number(r.last_ts), beforeTs)]));
}

/**
 * When each entity was last seen as of the window's end: its last event in the window when it has
 * one (the window's totals already hold it), else the day rollups' latest before the window's end
 * (read only for the entities quiet in the window).
 */
export async function lastSeenAt(conn: Queryable, entityIds: number[], windowTotals: ReadonlyMap<number, { lastTs: number }>, windowEnd: number): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  for (const id of entityIds) {
    const lastTs = windowTotals.get(id)?.lastTs ?? 0;
    if (lastTs > 0) seen.set(id, lastTs);
  }
  const quiet = entityIds.filter((id) => !seen.has(id));
  for (const [id, ts] of await lastSeenByEntity(conn, quiet, windowEnd + 1)) if (ts > 0) seen.set(id, ts);
  return seen;
}

export async function annotationsFor(conn: Queryable, column: 'entity_id' | 'segment_id', id: number, fromTs: number, toTs: number): Promise<Annotation[]> {
  const [rows] = await conn.query(
    `SELECT ts, kind, title, event_id FROM annotations WHERE ${column === 'entity_id' ? 'entity_id' : 'segment_id'} = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT 500`,
    [id, fromTs, toTs],
  );
  return (rows as { ts: number; kind: Annotation['kind']; title: string; event_id: string | null }[]).map((r) => ({ ts: Number(r.ts), kind: r.kind, title: r.title, eventId: r.event_id }));
}

/**
 * Request and error counts per entity in buckets of the plan's step, summed from its rollups,
 * without histograms: enough for sparklines, and cheap. Buckets without rows stay absent (gaps).
 */
export async function readSparklines(conn: Queryable, entityIds: number[], { stepMs, source }: SparklinePlan, fromTs: number, toTs: number): Promise<Map<number, [number, number, number][]>> {
  const lines = new Map<number, [number, number, number][]>();
  if (entityIds.length === 0) return lines;
  const table = ROLLUP_TABLES[source];
  const [rows] = await conn.query(
    { sql: `SELECT scope_id, bucket_ts, requests, errors FROM ${table} WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts`, rowsAsArray: true },
    [entityIds, Math.floor(fromTs / stepMs) * stepMs, toTs],
  );
  for (const [scopeId, bucketTs, requests, errors] of rows as [number, number, number, number][]) {
    let line = lines.get(scopeId);
    if (!line) lines.set(scopeId, (line = []));
    const start = Math.floor(Number(bucketTs) / stepMs) * stepMs;
    const last = line[line.length - 1];
    if (last && last[0] === start) {
      last[1] += requests;
      last[2] += errors;
    } else line.push([start, requests, errors]);
  }
  return lines;
}
