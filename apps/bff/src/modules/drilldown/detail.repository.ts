import type { Annotation } from '@watchfloor/shared/drilldown';
import type { Queryable } from '../../db/pool.ts';

/** Latest event time per entity from its day rollups: last-seen for entities quiet in the window. */
export async function lastSeenByEntity(conn: Queryable, entityIds: number[], beforeTs: number): Promise<Map<number, number>> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT scope_id, MAX(last_ts) AS last_ts FROM rollups_1d WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts < ? GROUP BY scope_id',
    [entityIds, beforeTs],
  );
  return new Map((rows as { scope_id: number; last_ts: number }[]).map((r) => [Number(r.scope_id), Math.min(Number(r.last_ts), beforeTs)]));
}

export async function annotationsFor(conn: Queryable, column: 'entity_id' | 'segment_id', id: number, fromTs: number, toTs: number): Promise<Annotation[]> {
  const [rows] = await conn.query(
    `SELECT ts, kind, title, event_id FROM annotations WHERE ${column === 'entity_id' ? 'entity_id' : 'segment_id'} = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT 500`,
    [id, fromTs, toTs],
  );
  return (rows as { ts: number; kind: Annotation['kind']; title: string; event_id: string | null }[]).map((r) => ({ ts: Number(r.ts), kind: r.kind, title: r.title, eventId: r.event_id }));
}

/** Request and error counts per bucket, without histograms: enough for sparklines, and cheap. */
export async function readCountSeries(conn: Queryable, table: 'rollups_1m' | 'rollups_1h' | 'rollups_1d', entityIds: number[], fromTs: number, toTs: number): Promise<Map<number, [number, number, number][]>> {
  const lines = new Map<number, [number, number, number][]>();
  if (entityIds.length === 0) return lines;
  const [rows] = await conn.query(
    `SELECT scope_id, bucket_ts, requests, errors FROM ${table} WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts`,
    [entityIds, fromTs, toTs],
  );
  for (const row of rows as { scope_id: number; bucket_ts: number; requests: number; errors: number }[]) {
    const line = lines.get(row.scope_id) ?? [];
    line.push([Number(row.bucket_ts), row.requests, row.errors]);
    lines.set(row.scope_id, line);
  }
  return lines;
}
