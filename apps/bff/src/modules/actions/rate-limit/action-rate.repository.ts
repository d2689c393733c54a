import { DB_NOW_MS } from '../../../db/db-clock.ts';
import type { Queryable } from '../../../db/pool.ts';

export type RateKind = 'proposals' | 'decisions';

interface UpsertResult {
  affectedRows: number;
  insertId: number;
}

/**
 * Counts one request of a user in the current fixed window (by the database clock) and returns the
 * window's count including it. One statement: the counter is bumped atomically, and
 * LAST_INSERT_ID(expr) hands the new value back; a first request in a window inserts (count 1) and
 * clears that user's older windows.
 */
export async function countActionRequest(
  conn: Queryable,
  username: string,
  kind: RateKind,
  windowMs: number,
): Promise<number> {
  const windowStart = `((${DB_NOW_MS}) DIV ${Math.floor(windowMs)}) * ${Math.floor(windowMs)}`;
  const [result] = await conn.query(
    `INSERT INTO action_rate_counts (username, kind, window_start, n) VALUES (?, ?, ${windowStart}, 1)
       ON DUPLICATE KEY UPDATE n = LAST_INSERT_ID(n + 1)`,
    [username, kind],
  );
  const { affectedRows, insertId } = result as UpsertResult;
  if (affectedRows !== 1) return Number(insertId);
  await conn.query(
    `DELETE FROM action_rate_counts WHERE username = ? AND kind = ? AND window_start < ${windowStart}`,
    [username, kind],
  );
  return 1;
}

/** Milliseconds until the current window (by the database clock) ends. */
export async function msUntilWindowEnds(conn: Queryable, windowMs: number): Promise<number> {
  const [rows] = await conn.query(`SELECT ${DB_NOW_MS} AS now_ms`);
  const now = Number((rows as { now_ms: number | string }[])[0]?.now_ms);
  return windowMs - (now % windowMs);
}
