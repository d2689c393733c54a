import type { Queryable } from '../../../db/pool.ts';
import { DB_NOW_MS } from '../../../db/db-clock.ts';

/**
 * Sets an action's expiry `offsetMs` from now by the database clock (negative: already past).
 * Expiry is judged by that clock, so this is how a test lets time pass: never by sleeping.
 */
export async function expireIn(conn: Queryable, actionId: number, offsetMs: number): Promise<void> {
  await conn.query(`UPDATE actions SET expires_at = ${DB_NOW_MS} + ? WHERE id = ?`, [
    offsetMs,
    actionId,
  ]);
}
