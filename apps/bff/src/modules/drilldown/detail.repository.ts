import { AnnotationSchema, type Annotation } from '@watchfloor/shared/drilldown';
import type { Queryable } from '../../db/pool.ts';
import { allRows, type DbRow } from '../../db/row-values.ts';
import { lastSeenByEntity } from '../rollups/scope-activity.repository.ts';

/**
 * When each entity was last seen as of the window's end: its last event in the window when it has
 * one (the window's totals already hold it), else the day rollups' latest before the window's end
 * (read only for the entities quiet in the window).
 */
export async function lastSeenAt(
  conn: Queryable,
  entityIds: number[],
  windowTotals: ReadonlyMap<number, { lastTs: number }>,
  windowEnd: number,
): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  for (const id of entityIds) {
    const lastTs = windowTotals.get(id)?.lastTs ?? 0;
    if (lastTs > 0) seen.set(id, lastTs);
  }
  const quiet = entityIds.filter((id) => !seen.has(id));
  for (const [id, ts] of await lastSeenByEntity(conn, quiet, windowEnd + 1))
    if (ts > 0) seen.set(id, ts);
  return seen;
}

export async function annotationsFor(
  conn: Queryable,
  column: 'entity_id' | 'segment_id',
  id: number,
  fromTs: number,
  toTs: number,
): Promise<Annotation[]> {
  const [rows] = await conn.query(
    `SELECT ts, kind, title, event_id FROM annotations WHERE ${column === 'entity_id' ? 'entity_id' : 'segment_id'} = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT 500`,
    [id, fromTs, toTs],
  );
  return allRows(rows, toAnnotation);
}

const toAnnotation = (row: DbRow): Annotation => ({
  ts: Number(row.ts),
  kind: AnnotationSchema.shape.kind.parse(row.kind),
  title: String(row.title),
  eventId: row.event_id === null ? null : String(row.event_id),
});
