import type { Queryable } from '../../db/pool.ts';

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

interface SegmentDbRow { id: number; slug: string; name: string; owner: string | null; slo_availability: number; slo_latency_p95_ms: number }
interface EntityDbRow { id: number; slug: string; segment_id: number; kind: string; state: string }

const toSegment = (r: SegmentDbRow): SegmentRecord => ({
  id: r.id, slug: r.slug, name: r.name, owner: r.owner, sloAvailability: Number(r.slo_availability), sloLatencyP95Ms: Number(r.slo_latency_p95_ms),
});
const toEntity = (r: EntityDbRow): EntityRecord => ({ id: r.id, slug: r.slug, segmentId: r.segment_id, kind: r.kind, state: r.state });

export async function listSegments(conn: Queryable): Promise<SegmentRecord[]> {
  const [rows] = await conn.query('SELECT id, slug, name, owner, slo_availability, slo_latency_p95_ms FROM segments ORDER BY slug');
  return (rows as SegmentDbRow[]).map(toSegment);
}

export async function findSegment(conn: Queryable, slug: string): Promise<SegmentRecord | null> {
  const [rows] = await conn.query('SELECT id, slug, name, owner, slo_availability, slo_latency_p95_ms FROM segments WHERE slug = ?', [slug]);
  const row = (rows as SegmentDbRow[])[0];
  return row ? toSegment(row) : null;
}

export async function findEntity(conn: Queryable, slug: string): Promise<EntityRecord | null> {
  const [rows] = await conn.query('SELECT id, slug, segment_id, kind, state FROM entities WHERE slug = ?', [slug]);
  const row = (rows as EntityDbRow[])[0];
  return row ? toEntity(row) : null;
}

export async function listEntitiesOfSegment(conn: Queryable, segmentId: number): Promise<EntityRecord[]> {
  const [rows] = await conn.query('SELECT id, slug, segment_id, kind, state FROM entities WHERE segment_id = ? ORDER BY slug', [segmentId]);
  return (rows as EntityDbRow[]).map(toEntity);
}
