import { DB_NOW_MS } from '../../../db/db-clock.ts';
import type { Queryable } from '../../../db/pool.ts';

export type RateKind = 'proposals' | 'decisions';

interface UpsertResult {
  insertId: number;
}

/**
 * Counts one request of a user and returns the count of their current window, this request
 * included. A window starts at the user's first request (by the database clock) and lasts
 * windowMs; the first request after it starts a new one. One statement: the row is bumped or reset
 * atomically, and LAST_INSERT_ID(expr) hands the new count back.
 */
export async function countActionRequest(
  conn: Queryable,
  username: string,
  kind: RateKind,
  windowMs: number,
): Promise<number> {
  const windowPassed = `window_start <= ${DB_NOW_MS} - ${Math.floor(windowMs)}`;
  // ON DUPLICATE KEY UPDATE assigns left to right: n is judged on the old window_start.
  const [result] = await conn.query(
    `INSERT INTO action_rate_counts (username, kind, window_start, n)
       VALUES (?, ?, ${DB_NOW_MS}, LAST_INSERT_ID(1))
       ON DUPLICATE KEY UPDATE
         n = LAST_INSERT_ID(IF(${windowPassed}, 1, n + 1)),
         window_start = IF(${windowPassed}, ${DB_NOW_MS}, window_start)`,
    [username, kind],
  );
  return Number((result as UpsertResult).insertId);
}

/** Milliseconds until the user's current window (by the database clock) ends. */
export async function msUntilWindowEnds(
  conn: Queryable,
  username: string,
  kind: RateKind,
  windowMs: number,
): Promise<number> {
  const [rows] = await conn.query(
    `SELECT window_start + ${Math.floor(windowMs)} - ${DB_NOW_MS} AS wait_ms
       FROM action_rate_counts WHERE username = ? AND kind = ?`,
    [username, kind],
  );
  return Number((rows as { wait_ms: number | string }[])[0]?.wait_ms ?? windowMs);
}
