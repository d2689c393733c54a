import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  NotificationActionSchema,
  NotificationTypeSchema,
  type NotificationDelivery,
  type NotificationState,
  NotificationStateSchema,
} from '@watchfloor/shared/notifications';
import type { Queryable } from '../../db/pool.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { allRows, firstRow, jsonText, numeric } from '../../db/row-values.ts';

/** What the outbox keeps of a notification's body; the link is added when it is sent. */
export const OutboxPayloadSchema = z.object({
  type: NotificationTypeSchema,
  action: NotificationActionSchema,
  text: z.string(),
});
export type OutboxPayload = z.infer<typeof OutboxPayloadSchema>;

const DeliveredToSchema = z.array(z.string());

const OutboxRowSchema = z.object({
  id: z.string(),
  action_id: numeric,
  payload: jsonText(OutboxPayloadSchema),
  created_at: numeric,
  state: NotificationStateSchema,
  attempts: numeric,
  next_attempt_at: numeric,
  delivered_at: numeric.nullable(),
  delivered_to: jsonText(DeliveredToSchema).nullable(),
  last_error: z.string().nullable(),
});

export interface OutboxRow {
  id: string;
  actionId: number;
  payload: OutboxPayload;
  createdAt: number;
  state: NotificationState;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  deliveredTo: string[];
  lastError: string | null;
}

const COLUMNS =
  'id, action_id, payload, created_at, state, attempts, next_attempt_at, delivered_at, delivered_to, last_error';

function toOutboxRow(row: unknown): OutboxRow {
  const r = OutboxRowSchema.parse(row);
  return {
    id: r.id,
    actionId: r.action_id,
    payload: r.payload,
    createdAt: r.created_at,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    deliveredAt: r.delivered_at,
    deliveredTo: r.delivered_to ?? [],
    lastError: r.last_error,
  };
}

const isDuplicate = (error: unknown) => (error as { code?: string }).code === 'ER_DUP_ENTRY';

/**
 * Adds a pending notification, due now, in the caller's transaction. The dedupe key
 * ("action:<id>:<kind>") makes a second one of the same kind for the same action a no-op: returns
 * null then.
 */
export async function insertNotification(
  conn: Queryable,
  payload: OutboxPayload,
): Promise<string | null> {
  const id = randomUUID();
  const kind = payload.type.replace(/^action\./, '');
  try {
    await conn.query(
      `INSERT INTO notification_outbox
         (id, dedupe_key, action_id, kind, payload, created_at, state, attempts, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ${DB_NOW_MS}, 'pending', 0, ${DB_NOW_MS})`,
      [id, `action:${payload.action.id}:${kind}`, payload.action.id, kind, JSON.stringify(payload)],
    );
    return id;
  } catch (error) {
    if (isDuplicate(error)) return null;
    throw error;
  }
}

/** Pending rows due by database time and not held by a live claim, oldest due first. */
export async function dueNotificationIds(conn: Queryable, limit: number): Promise<string[]> {
  const [rows] = await conn.query(
    `SELECT id FROM notification_outbox
      WHERE state = 'pending' AND next_attempt_at <= ${DB_NOW_MS} AND claimed_until < ${DB_NOW_MS}
      ORDER BY next_attempt_at, id LIMIT ?`,
    [limit],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/**
 * Takes a due row for `leaseMs` of database time. Conditional on the same facts as the read, so
 * of several processes racing for one row exactly one changes it; returns the row to that one.
 */
export async function claimNotification(
  conn: Queryable,
  id: string,
  token: string,
  leaseMs: number,
): Promise<OutboxRow | null> {
  const [result] = await conn.query(
    `UPDATE notification_outbox SET claimed_until = ${DB_NOW_MS} + ?, claim_token = ?
      WHERE id = ? AND state = 'pending' AND next_attempt_at <= ${DB_NOW_MS}
        AND claimed_until < ${DB_NOW_MS}`,
    [leaseMs, token, id],
  );
  if ((result as { affectedRows: number }).affectedRows !== 1) return null;
  const [rows] = await conn.query(
    `SELECT ${COLUMNS} FROM notification_outbox WHERE id = ? AND claim_token = ?`,
    [id, token],
  );
  return firstRow(rows, toOutboxRow);
}

export interface AttemptOutcome {
  deliveredTo: string[];
  /** Every configured URL answered 2xx. */
  delivered: boolean;
  error: string | null;
  /** When not delivered: retry this long from now (database time), or null to give up. */
  retryInMs: number | null;
}

/** Records one attempt under the caller's claim (a lost claim changes nothing) and releases it. */
export async function recordAttempt(
  conn: Queryable,
  id: string,
  token: string,
  outcome: AttemptOutcome,
): Promise<boolean> {
  const state: NotificationState = outcome.delivered
    ? 'delivered'
    : outcome.retryInMs === null
      ? 'failed'
      : 'pending';
  const [result] = await conn.query(
    `UPDATE notification_outbox
        SET state = ?, attempts = attempts + 1, delivered_to = ?, last_error = ?,
            delivered_at = CASE WHEN ? THEN ${DB_NOW_MS} ELSE NULL END,
            next_attempt_at = ${DB_NOW_MS} + ?, claimed_until = 0, claim_token = NULL
      WHERE id = ? AND claim_token = ?`,
    [
      state,
      JSON.stringify(outcome.deliveredTo),
      outcome.error?.slice(0, 1024) ?? null,
      outcome.delivered ? 1 : 0,
      outcome.retryInMs ?? 0,
      id,
      token,
    ],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

/** With no URL configured, due rows are closed as `unconfigured` rather than kept for a later flood. */
export async function markDueUnconfigured(conn: Queryable): Promise<number> {
  const [result] = await conn.query(
    `UPDATE notification_outbox SET state = 'unconfigured', last_error = 'WATCHFLOOR_NOTIFY_URL is not set'
      WHERE state = 'pending' AND next_attempt_at <= ${DB_NOW_MS} AND claimed_until < ${DB_NOW_MS}`,
  );
  return (result as { affectedRows: number }).affectedRows;
}

/** Newest first, in one delivery state. */
export async function listNotifications(
  conn: Queryable,
  state: NotificationState,
  limit: number,
): Promise<NotificationDelivery[]> {
  const [rows] = await conn.query(
    `SELECT ${COLUMNS} FROM notification_outbox WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    [state, limit],
  );
  return allRows(rows, toOutboxRow).map((row) => ({
    id: row.id,
    type: row.payload.type,
    actionId: row.actionId,
    text: row.payload.text,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.createdAt,
    nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt : null,
    deliveredAt: row.deliveredAt,
    deliveredTo: row.deliveredTo,
    lastError: row.lastError,
  }));
}

/** Deletes settled rows (not pending) created more than `olderThanMs` ago, a bounded batch at a time. */
export async function pruneSettledNotifications(conn: Queryable, olderThanMs: number) {
  const [result] = await conn.query(
    `DELETE FROM notification_outbox
      WHERE state IN ('delivered', 'failed', 'unconfigured') AND created_at < ${DB_NOW_MS} - ?
      LIMIT 1000`,
    [olderThanMs],
  );
  return (result as { affectedRows: number }).affectedRows;
}

const ExpiringRowSchema = z.object({
  id: numeric,
  type: z.string(),
  target_kind: z.string(),
  target_slug: z.string(),
  expires_at: numeric,
});

/**
 * Proposed actions expiring within `withinMs` of database time that have no expiry warning yet.
 * The outbox's unique dedupe key, not this read, is what makes the warning once per action.
 */
export async function expiringWithoutWarning(conn: Queryable, withinMs: number, limit: number) {
  const [rows] = await conn.query(
    `SELECT a.id, a.type, a.target_kind, a.target_slug, a.expires_at FROM actions a
      WHERE a.state = 'proposed' AND a.expires_at > ${DB_NOW_MS}
        AND a.expires_at <= ${DB_NOW_MS} + ?
        AND NOT EXISTS (SELECT 1 FROM notification_outbox o
                         WHERE o.dedupe_key = CONCAT('action:', a.id, ':expiring'))
      ORDER BY a.expires_at LIMIT ?`,
    [withinMs, limit],
  );
  return allRows(rows, (row) => ExpiringRowSchema.parse(row));
}
