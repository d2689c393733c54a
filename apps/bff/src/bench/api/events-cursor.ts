import { createHash } from 'node:crypto';
import { createPool } from '../../db/pool.ts';
import { CursorCodec } from '../../modules/events/cursor.ts';

export interface DeepCursor {
  cursor: string;
  depth: number;
  ts: number;
  id: number;
}

/**
 * A cursor positioned `depth` rows into an entity's events (newest first) for one window: the
 * (ts, id) of row `depth` found with OFFSET once, signed the way the events service signs its own
 * next-page cursors (fingerprint of the query's filters and window). A page requested with it
 * starts at row depth + 1.
 */
export async function deepCursor(
  mysqlUrl: string,
  secret: string,
  query: { entityId: number; entitySlug: string; from: number; to: number; depth: number },
): Promise<DeepCursor> {
  const pool = createPool({ url: mysqlUrl, connectionLimit: 1 });
  try {
    const [rows] = await pool.query(
      'SELECT ts, id FROM events WHERE entity_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT 1 OFFSET ?',
      [query.entityId, query.from, query.to, query.depth - 1],
    );
    const row = (rows as { ts: number; id: number }[])[0];
    if (!row)
      throw new Error(
        `entity ${query.entitySlug} has fewer than ${query.depth} events in the window`,
      );
    // Same fields, same order as getEventsPage: entityId, segmentId, status, kind, errorClass, from, to.
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          query.entitySlug,
          undefined,
          undefined,
          undefined,
          undefined,
          query.from,
          query.to,
        ]),
      )
      .digest('base64url')
      .slice(0, 16);
    const position = { ts: Number(row.ts), id: Number(row.id) };
    return {
      cursor: new CursorCodec(secret).encode(position, fingerprint),
      depth: query.depth,
      ...position,
    };
  } finally {
    await pool.end();
  }
}
