import { z } from 'zod';
import { CHANGE_TYPES, type Annotation } from '@watchfloor/shared/annotations';
import type { PoolConnection, Queryable } from '../../db/pool.ts';
import { allRows, numeric } from '../../db/row-values.ts';

/** Column order of a changes row as written by insertChanges. */
export type ChangeRow = [
  changeId: string,
  type: string,
  title: string,
  url: string | null,
  startTs: number,
  endTs: number | null,
  segmentSlug: string | null,
  entitySlug: string | null,
  attributes: string | null,
  ingestedAt: number,
];

/** Inserts new changes; a change id already stored is skipped (first write wins). Returns how many were new. */
export async function insertChanges(conn: PoolConnection, rows: ChangeRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const [result] = await conn.query(
    `INSERT IGNORE INTO changes (change_id, type, title, url, start_ts, end_ts, segment_slug,
       entity_slug, attributes, ingested_at) VALUES ?`,
    [rows],
  );
  return (result as { affectedRows: number }).affectedRows;
}

/**
 * Which changes a chart shows: the whole fleet; a segment (changes naming it or one of its
 * entities, and fleet-wide ones); an entity (changes naming it, its segment without an entity, and
 * fleet-wide ones).
 */
export type ChangeScope =
  | { fleet: true }
  | { segment: string; entitySlugs: readonly string[] }
  | { entity: string; segment: string };

export const MAX_CHANGE_MARKS = 500;

const FLEET_WIDE = '(segment_slug IS NULL AND entity_slug IS NULL)';

function scopeFilter(scope: ChangeScope): { sql: string; params: unknown[] } {
  if ('fleet' in scope) return { sql: '', params: [] };
  if ('entitySlugs' in scope)
    return scope.entitySlugs.length === 0
      ? { sql: `AND (segment_slug = ? OR ${FLEET_WIDE})`, params: [scope.segment] }
      : {
          sql: `AND (segment_slug = ? OR entity_slug IN (?) OR ${FLEET_WIDE})`,
          params: [scope.segment, [...scope.entitySlugs]],
        };
  return {
    sql: `AND (entity_slug = ? OR (entity_slug IS NULL AND segment_slug = ?) OR ${FLEET_WIDE})`,
    params: [scope.entity, scope.segment],
  };
}

const RowSchema = z.object({
  change_id: z.string(),
  type: z.enum(CHANGE_TYPES),
  title: z.string(),
  url: z.string().nullable(),
  start_ts: numeric,
  end_ts: numeric.nullable(),
  segment_slug: z.string().nullable(),
  entity_slug: z.string().nullable(),
});

const toAnnotation = (row: z.infer<typeof RowSchema>): Annotation => ({
  ts: row.start_ts,
  endTs: row.end_ts,
  kind: row.type,
  source: 'change',
  title: row.title,
  eventId: null,
  changeId: row.change_id,
  url: row.url,
  segment: row.segment_slug,
  entity: row.entity_slug,
});

/**
 * Change events in the window as chart marks, oldest first: an instant when its start is in
 * [from, to), a range when it overlaps the window (a range of no length counts as an instant).
 */
export async function changeAnnotations(
  conn: Queryable,
  scope: ChangeScope,
  from: number,
  to: number,
): Promise<Annotation[]> {
  const filter = scopeFilter(scope);
  const [rows] = await conn.query(
    `SELECT change_id, type, title, url, start_ts, end_ts, segment_slug, entity_slug
       FROM changes
      WHERE start_ts < ? AND (start_ts >= ? OR end_ts > ?) ${filter.sql}
      ORDER BY start_ts, id LIMIT ${MAX_CHANGE_MARKS}`,
    [to, from, from, ...filter.params],
  );
  return allRows(rows, RowSchema.parse).map(toAnnotation);
}
