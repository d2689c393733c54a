import { DB_NOW_MS } from '../../../db/db-clock.ts';
import type { Queryable } from '../../../db/pool.ts';

export type RateKind = 'proposals' | 'decisions';

/** Records one request of a user at the database clock's now; its row id. */
export async function recordActionRequest(
  conn: Queryable,
  username: string,
  kind: RateKind,
): Promise<number> {
  const [result] = await conn.query(
    `INSERT INTO action_requests (username, kind, at) VALUES (?, ?, ${DB_NOW_MS})`,
    [username, kind],
  );
  return Number((result as { insertId: number }).insertId);
}

/**
 * The user's requests of the last `windowMs` (by the database clock) recorded up to and including
 * row `id`, so requests arriving together are ranked by arrival; with the oldest one's time and
 * how long until it leaves the window.
 */
export async function requestsAhead(
  conn: Queryable,
  username: string,
  kind: RateKind,
  id: number,
  windowMs: number,
): Promise<{ count: number; msUntilOldestLeaves: number }> {
  const [rows] = await conn.query(
    `SELECT COUNT(*) AS n, MIN(at) + ? - ${DB_NOW_MS} AS wait_ms FROM action_requests
      WHERE username = ? AND kind = ? AND at > ${DB_NOW_MS} - ? AND id <= ?`,
    [windowMs, username, kind, windowMs, id],
  );
  const row = (rows as { n: number | string; wait_ms: number | string | null }[])[0];
  return { count: Number(row?.n ?? 0), msUntilOldestLeaves: Number(row?.wait_ms ?? windowMs) };
}

/** Removes a refused request's row: a refusal is not counted. */
export async function deleteActionRequest(conn: Queryable, id: number): Promise<void> {
  await conn.query('DELETE FROM action_requests WHERE id = ?', [id]);
}

/** Removes the user's rows that have left the window. */
export async function pruneActionRequests(
  conn: Queryable,
  username: string,
  kind: RateKind,
  windowMs: number,
): Promise<void> {
  await conn.query(
    `DELETE FROM action_requests WHERE username = ? AND kind = ? AND at <= ${DB_NOW_MS} - ?`,
    [username, kind, windowMs],
  );
}
