import type { Queryable } from '../../db/pool.ts';
import { allRows, firstRow, type DbRow } from '../../db/row-values.ts';

export interface SegmentRecord {
  id: number;
  slug: string;
  name: string;
  owner: string | null;
  sloAvailability: number;
  sloLatencyP95Ms: number;
}

export interface EntityRecord {
  id: number;
  slug: string;
  segmentId: number;
  kind: string;
  state: string;
}

const toSegment = (r: DbRow): SegmentRecord => ({
  id: Number(r.id),
  slug: String(r.slug),
  name: String(r.name),
  owner: r.owner === null ? null : String(r.owner),
  sloAvailability: Number(r.slo_availability),
  sloLatencyP95Ms: Number(r.slo_latency_p95_ms),
});
const toEntity = (r: DbRow): EntityRecord => ({
  id: Number(r.id),
  slug: String(r.slug),
  segmentId: Number(r.segment_id),
  kind: String(r.kind),
  state: String(r.state),
});

export async function listSegments(conn: Queryable): Promise<SegmentRecord[]> {
  const [rows] = await conn.query(
    'SELECT id, slug, name, owner, slo_availability, slo_latency_p95_ms FROM segments ORDER BY slug',
  );
  return allRows(rows, toSegment);
}

export async function findSegment(conn: Queryable, slug: string): Promise<SegmentRecord | null> {
  const [rows] = await conn.query(
    'SELECT id, slug, name, owner, slo_availability, slo_latency_p95_ms FROM segments WHERE slug = ?',
    [slug],
  );
  return firstRow(rows, toSegment);
}

/** Every entity of the fleet, for fleet-wide silence. */
export async function listEntities(conn: Queryable): Promise<EntityRecord[]> {
  const [rows] = await conn.query('SELECT id, slug, segment_id, kind, state FROM entities');
  return allRows(rows, toEntity);
}

export async function findEntity(conn: Queryable, slug: string): Promise<EntityRecord | null> {
  const [rows] = await conn.query(
    'SELECT id, slug, segment_id, kind, state FROM entities WHERE slug = ?',
    [slug],
  );
  return firstRow(rows, toEntity);
}

/**
 * A segment and its entities (by slug) in one statement: views that need both wait for one round
 * trip instead of two in a row. Null when the segment does not exist.
 */
export async function findSegmentWithEntities(
  conn: Queryable,
  slug: string,
): Promise<{ segment: SegmentRecord; entities: EntityRecord[] } | null> {
  const [rows] = await conn.query(
    `SELECT s.id, s.slug, s.name, s.owner, s.slo_availability, s.slo_latency_p95_ms,
            e.id AS entity_id, e.slug AS entity_slug, e.kind AS entity_kind, e.state AS entity_state
       FROM segments s LEFT JOIN entities e ON e.segment_id = s.id
      WHERE s.slug = ?
      ORDER BY e.slug`,
    [slug],
  );
  const joined = rows as DbRow[];
  const first = joined[0];
  if (!first) return null;
  const segment = toSegment(first);
  const entities = joined
    .filter((r) => r.entity_id !== null)
    .map((r) =>
      toEntity({
        id: r.entity_id,
        slug: r.entity_slug,
        segment_id: segment.id,
        kind: r.entity_kind,
        state: r.entity_state,
      }),
    );
  return { segment, entities };
}

/** Names the segment's owning team (null: none). */
export async function setSegmentOwner(
  conn: Queryable,
  segmentId: number,
  team: string | null,
): Promise<void> {
  await conn.query('UPDATE segments SET owner = ? WHERE id = ?', [team, segmentId]);
}
