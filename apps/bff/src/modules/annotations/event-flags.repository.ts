import { z } from 'zod';
import { ANNOTATION_KINDS, type Annotation } from '@watchfloor/shared/annotations';
import type { Queryable } from '../../db/pool.ts';
import { allRows, numeric } from '../../db/row-values.ts';

/**
 * Which flagged events a chart shows; each names a registered entity and its segment. The fleet is
 * named by its segments, so that every read walks the (segment, ts) index, never the whole table.
 */
export type EventFlagScope = { segmentIds: readonly number[] } | { entityId: number };

export const MAX_EVENT_FLAGS = 500;

const RowSchema = z.object({
  ts: numeric,
  kind: z.enum(ANNOTATION_KINDS),
  title: z.string(),
  event_id: z.string().nullable(),
  segment: z.string(),
  entity: z.string(),
});

/** Events the sender flagged as a deploy (`attrs.deploy`) or sent as alerts, in [from, to), oldest first. */
export async function eventFlags(
  conn: Queryable,
  scope: EventFlagScope,
  from: number,
  to: number,
): Promise<Annotation[]> {
  if ('segmentIds' in scope && scope.segmentIds.length === 0) return [];
  const [filter, param] =
    'entityId' in scope
      ? ['a.entity_id = ?', scope.entityId]
      : ['a.segment_id IN (?)', [...scope.segmentIds]];
  const [rows] = await conn.query(
    `SELECT a.ts, a.kind, a.title, a.event_id, s.slug AS segment, e.slug AS entity
       FROM annotations a
       JOIN segments s ON s.id = a.segment_id
       JOIN entities e ON e.id = a.entity_id
      WHERE ${filter} AND a.ts >= ? AND a.ts < ?
      ORDER BY a.ts, a.id LIMIT ${MAX_EVENT_FLAGS}`,
    [param, from, to],
  );
  return allRows(rows, RowSchema.parse).map((row): Annotation => ({
    ts: row.ts,
    kind: row.kind,
    source: 'event',
    title: row.title,
    eventId: row.event_id,
    segment: row.segment,
    entity: row.entity,
  }));
}
