import type { ResultSetHeader } from 'mysql2';
import { withTransaction, type Pool, type PoolConnection } from '../../db/pool.ts';

export interface EntityRef {
  id: number;
  segmentId: number;
}

interface SegmentIdDbRow {
  id: number;
  slug: string;
}

interface EntityRefDbRow {
  id: number;
  slug: string;
  segment_id: number;
}

const toSegmentId = (row: SegmentIdDbRow): [slug: string, id: number] => [row.slug, row.id];

const toEntityRef = (row: EntityRefDbRow): [slug: string, ref: EntityRef] => [
  row.slug,
  { id: row.id, segmentId: row.segment_id },
];

const affectedRows = (result: unknown): number => (result as ResultSetHeader).affectedRows;

export async function findSegmentIds(pool: Pool, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const [rows] = await pool.query('SELECT id, slug FROM segments WHERE slug IN (?)', [slugs]);
  return new Map((rows as SegmentIdDbRow[]).map(toSegmentId));
}

export async function findEntityRefs(pool: Pool, slugs: string[]): Promise<Map<string, EntityRef>> {
  if (slugs.length === 0) return new Map();
  const [rows] = await pool.query('SELECT id, slug, segment_id FROM entities WHERE slug IN (?)', [
    slugs,
  ]);
  return new Map((rows as EntityRefDbRow[]).map(toEntityRef));
}

/**
 * Registers a segment or entity under a cardinality cap. The cap is a counter row taken with a
 * conditional update, so concurrent ingests on several BFFs can never overshoot it. Returns false
 * when the cap is reached. A slug registered concurrently by someone else gives the slot back.
 */
async function registerUnderCap(
  pool: Pool,
  counter: 'segments' | 'entities',
  cap: number,
  insert: (conn: PoolConnection) => Promise<number>,
): Promise<boolean> {
  return withTransaction(pool, async (conn) => {
    const [taken] = await conn.query(
      'UPDATE registry_counters SET used = used + 1 WHERE name = ? AND used < ?',
      [counter, cap],
    );
    if (affectedRows(taken) !== 1) return false;
    const inserted = await insert(conn);
    if (inserted === 0)
      await conn.query('UPDATE registry_counters SET used = used - 1 WHERE name = ?', [counter]);
    return true;
  });
}

export function registerSegment(
  pool: Pool,
  slug: string,
  cap: number,
  now: number,
): Promise<boolean> {
  return registerUnderCap(pool, 'segments', cap, async (conn) => {
    const [result] = await conn.query(
      'INSERT IGNORE INTO segments (slug, name, created_at) VALUES (?, ?, ?)',
      [slug, slug, now],
    );
    return affectedRows(result);
  });
}

export function registerEntity(
  pool: Pool,
  slug: string,
  segmentId: number,
  kind: string,
  cap: number,
  now: number,
): Promise<boolean> {
  return registerUnderCap(pool, 'entities', cap, async (conn) => {
    const [result] = await conn.query(
      'INSERT IGNORE INTO entities (slug, segment_id, kind, created_at) VALUES (?, ?, ?, ?)',
      [slug, segmentId, kind, now],
    );
    return affectedRows(result);
  });
}
