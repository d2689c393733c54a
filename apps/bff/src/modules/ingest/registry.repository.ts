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

/** Takes one slot of a cap with a conditional update: concurrent BFFs can never overshoot it. */
async function takeSlot(
  conn: PoolConnection,
  counter: 'segments' | 'entities',
  cap: number,
): Promise<boolean> {
  const [taken] = await conn.query(
    'UPDATE registry_counters SET used = used + 1 WHERE name = ? AND used < ?',
    [counter, cap],
  );
  return affectedRows(taken) === 1;
}

async function giveSlotBack(conn: PoolConnection, counter: 'segments' | 'entities') {
  await conn.query('UPDATE registry_counters SET used = used - 1 WHERE name = ?', [counter]);
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
    if (!(await takeSlot(conn, counter, cap))) return false;
    const inserted = await insert(conn);
    if (inserted === 0) await giveSlotBack(conn, counter);
    return true;
  });
}

const insertSegment = async (conn: PoolConnection, slug: string, now: number) => {
  const [result] = await conn.query(
    'INSERT IGNORE INTO segments (slug, name, created_at) VALUES (?, ?, ?)',
    [slug, slug, now],
  );
  return affectedRows(result);
};

const insertEntity = async (
  conn: PoolConnection,
  slug: string,
  segmentId: number,
  kind: string,
  now: number,
) => {
  const [result] = await conn.query(
    'INSERT IGNORE INTO entities (slug, segment_id, kind, created_at) VALUES (?, ?, ?, ?)',
    [slug, segmentId, kind, now],
  );
  return affectedRows(result);
};

class EntityCapReached extends Error {}

/**
 * Registers a new segment together with its first entity, in one transaction: both or neither, so
 * an event the entity cap refuses leaves no segment behind. Returns which cap refused it, or null.
 */
export async function registerSegmentWithEntity(
  pool: Pool,
  segment: { slug: string; cap: number },
  entity: { slug: string; kind: string; cap: number },
  now: number,
): Promise<'segment' | 'entity' | null> {
  try {
    return await withTransaction(pool, async (conn) => {
      if (!(await takeSlot(conn, 'segments', segment.cap))) return 'segment';
      if ((await insertSegment(conn, segment.slug, now)) === 0)
        await giveSlotBack(conn, 'segments');
      const [rows] = await conn.query('SELECT id, slug FROM segments WHERE slug = ?', [
        segment.slug,
      ]);
      const segmentId = (rows as SegmentIdDbRow[])[0]?.id;
      if (segmentId === undefined) throw new Error(`segment "${segment.slug}" vanished`);
      // Rolls the segment back with the transaction.
      if (!(await takeSlot(conn, 'entities', entity.cap))) throw new EntityCapReached();
      if ((await insertEntity(conn, entity.slug, segmentId, entity.kind, now)) === 0)
        await giveSlotBack(conn, 'entities');
      return null;
    });
  } catch (error) {
    if (error instanceof EntityCapReached) return 'entity';
    throw error;
  }
}

export function registerSegment(
  pool: Pool,
  slug: string,
  cap: number,
  now: number,
): Promise<boolean> {
  return registerUnderCap(pool, 'segments', cap, (conn) => insertSegment(conn, slug, now));
}

export function registerEntity(
  pool: Pool,
  slug: string,
  segmentId: number,
  kind: string,
  cap: number,
  now: number,
): Promise<boolean> {
  return registerUnderCap(pool, 'entities', cap, (conn) =>
    insertEntity(conn, slug, segmentId, kind, now),
  );
}
