import type { Queryable } from '../../../db/pool.ts';
import { DB_NOW_MS } from '../../../db/db-clock.ts';

export interface OutboxTestRow {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  nextAttemptAt: number;
  claimedUntil: number;
  deliveredTo: string | null;
  lastError: string | null;
  dbNow: number;
}

/** An action's outbox rows, oldest first, with the database clock for comparisons. */
export async function outboxOf(conn: Queryable, actionId: number): Promise<OutboxTestRow[]> {
  const [rows] = await conn.query(
    `SELECT id, kind, state, attempts, next_attempt_at, claimed_until, delivered_to, last_error,
            ${DB_NOW_MS} AS db_now
       FROM notification_outbox WHERE action_id = ? ORDER BY created_at, kind`,
    [actionId],
  );
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: String(r.id),
    kind: String(r.kind),
    state: String(r.state),
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    claimedUntil: Number(r.claimed_until),
    deliveredTo: r.delivered_to === null ? null : String(r.delivered_to),
    lastError: r.last_error === null ? null : String(r.last_error),
    dbNow: Number(r.db_now),
  }));
}

/** Lets a notification's backoff (and any claim on it) run out by the database clock, not by sleeping. */
export async function makeDue(conn: Queryable, id: string): Promise<void> {
  await conn.query(
    `UPDATE notification_outbox SET next_attempt_at = ${DB_NOW_MS} - 1,
            claimed_until = LEAST(claimed_until, ${DB_NOW_MS} - 1)
      WHERE id = ?`,
    [id],
  );
}
