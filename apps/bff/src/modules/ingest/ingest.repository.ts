import type { PoolConnection } from '../../db/pool.ts';

/** Column order of an events row as written by insertEvents. */
export type EventRow = [
  eventId: string,
  ts: number,
  segmentId: number,
  entityId: number,
  kind: number,
  status: number,
  errorClass: string | null,
  latencyMs: number | null,
  latencyBucket: number | null,
  value: number | null,
  message: string | null,
  attrs: string | null,
  ingestedAt: number,
  traceId: string | null,
];

const INSERT_CHUNK = 2_500;

/** Inserts new events; a row whose event_id already exists is skipped. Returns how many were new. */
export async function insertEvents(conn: PoolConnection, rows: EventRow[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const [result] = await conn.query(
      'INSERT IGNORE INTO events (event_id, ts, segment_id, entity_id, kind, status, error_class, latency_ms, latency_bucket, value, message, attrs, ingested_at, trace_id) VALUES ?',
      [rows.slice(start, start + INSERT_CHUNK)],
    );
    inserted += (result as { affectedRows: number }).affectedRows;
  }
  return inserted;
}

/**
 * Records which entity-minutes must be recomputed and how many events the batch sent for each;
 * committed with the events that touched them.
 */
export async function markDirty(
  conn: PoolConnection,
  marks: [entityId: number, minuteTs: number, events: number][],
  now: number,
): Promise<void> {
  for (let start = 0; start < marks.length; start += INSERT_CHUNK) {
    const chunk = marks
      .slice(start, start + INSERT_CHUNK)
      .map(([entityId, minuteTs, events]) => [entityId, minuteTs, now, events]);
    await conn.query(
      'INSERT INTO rollup_dirty (entity_id, minute_ts, created_at, events) VALUES ?',
      [chunk],
    );
  }
}

export type AnnotationRow = [
  entityId: number,
  segmentId: number,
  ts: number,
  kind: 'deploy' | 'alert',
  title: string,
  eventId: string,
];

/** Chart flags for deploys and alerts; the event id keeps re-sends from adding a second flag. */
export async function insertAnnotations(
  conn: PoolConnection,
  rows: AnnotationRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await conn.query(
    'INSERT IGNORE INTO annotations (entity_id, segment_id, ts, kind, title, event_id) VALUES ?',
    [rows],
  );
}
