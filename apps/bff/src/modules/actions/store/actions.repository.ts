import { z } from 'zod';
import {
  ActionTypeSchema,
  TARGET_KINDS,
  type ActionType,
  type TargetKind,
} from '@watchfloor/shared/actions/catalogue';
import { StoredEvidenceSchema, type StoredEvidence } from '@watchfloor/shared/actions/api';
import { FreezeOverrideSchema, type FreezeOverride } from '@watchfloor/shared/actions/coordination';
import { ActionStateSchema, type ActionState } from '@watchfloor/shared/actions/states';
import type { PoolConnection, Queryable } from '../../../db/pool.ts';
import { databaseNow, DB_NOW_MS } from '../../../db/db-clock.ts';
import type { KeysetRead } from '../../../db/keyset-page.ts';
import { allRows, camelColumns, firstRow, jsonText, numeric } from '../../../db/row-values.ts';

const ParamsSchema = z.record(z.string(), z.unknown());
const ActionRowSchema = z.object({
  id: numeric,
  type: ActionTypeSchema,
  target_kind: z.enum(TARGET_KINDS),
  target_slug: z.string(),
  segment_id: numeric,
  segment_slug: z.string(),
  segment_owner: z.string().nullable(),
  params: jsonText(ParamsSchema),
  rationale: z.string(),
  evidence: jsonText(StoredEvidenceSchema),
  state: ActionStateSchema,
  proposer: z.string(),
  policy_version: z.string(),
  approvals_required: numeric,
  proposed_at: numeric,
  expires_at: numeric,
  updated_at: numeric,
  decided_by: z.string().nullable(),
  decision_comment: z.string().nullable(),
  outcome: jsonText(ParamsSchema).nullable(),
  failure_reason: z.string().nullable(),
  freeze_override: jsonText(FreezeOverrideSchema).nullable(),
  db_now: numeric,
});
const StateRowSchema = z.object({ state: ActionStateSchema });
const IdRowSchema = z.object({ id: numeric });

export interface ActionRecord {
  id: number;
  type: ActionType;
  targetKind: TargetKind;
  targetSlug: string;
  segmentId: number;
  segmentSlug: string;
  /** The segment's owning team, as of this read. */
  segmentOwner: string | null;
  params: Record<string, unknown>;
  rationale: string;
  evidence: StoredEvidence;
  state: ActionState;
  proposer: string;
  policyVersion: string;
  approvalsRequired: number;
  proposedAt: number;
  expiresAt: number;
  updatedAt: number;
  decidedBy: string | null;
  decisionComment: string | null;
  outcome: Record<string, unknown> | null;
  failureReason: string | null;
  freezeOverride: FreezeOverride | null;
  /** Database time when the row was read. */
  dbNow: number;
}

const SELECT = `SELECT a.id, a.type, a.target_kind, a.target_slug, a.segment_id, s.slug AS segment_slug, s.owner AS segment_owner, a.params, a.rationale, a.evidence, a.state,
  a.proposer, a.policy_version, a.approvals_required, a.proposed_at, a.expires_at, a.updated_at, a.decided_by, a.decision_comment, a.outcome,
  a.failure_reason, a.freeze_override, ${DB_NOW_MS} AS db_now FROM actions a JOIN segments s ON s.id = a.segment_id`;

const toRecord = (raw: unknown): ActionRecord => camelColumns(ActionRowSchema.parse(raw));

export async function findAction(conn: Queryable, id: number): Promise<ActionRecord | null> {
  const [rows] = await conn.query(`${SELECT} WHERE a.id = ?`, [id]);
  return firstRow(rows, toRecord);
}

/** Locks the action row (only that row) for the rest of the transaction; returns its state. */
export async function lockAction(conn: PoolConnection, id: number): Promise<ActionState | null> {
  const [rows] = await conn.query('SELECT state FROM actions WHERE id = ? FOR UPDATE', [id]);
  return firstRow(rows, StateRowSchema.parse)?.state ?? null;
}

export interface NewAction {
  type: ActionType;
  targetKind: TargetKind;
  targetSlug: string;
  segmentId: number;
  params: string;
  rationale: string;
  evidence: string;
  proposer: string;
  policyVersion: string;
  approvalsRequired: number;
  expirySeconds: number;
  idempotencyKeyId: number | null;
  /** JSON text of the admin's freeze override, or null. */
  freezeOverride: string | null;
}

/** Inserts a proposed action with database-time proposal and expiry; returns its id and times. */
export async function insertAction(
  conn: PoolConnection,
  a: NewAction,
): Promise<{ id: number; proposedAt: number; expiresAt: number }> {
  const now = await databaseNow(conn);
  const expiresAt = now + a.expirySeconds * 1000;
  const [result] = await conn.query(
    `INSERT INTO actions (type, target_kind, target_slug, segment_id, params, rationale, evidence, state, proposer, policy_version,
       approvals_required, proposed_at, expires_at, updated_at, idempotency_key_id, freeze_override) VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      a.type,
      a.targetKind,
      a.targetSlug,
      a.segmentId,
      a.params,
      a.rationale,
      a.evidence,
      a.proposer,
      a.policyVersion,
      a.approvalsRequired,
      now,
      expiresAt,
      now,
      a.idempotencyKeyId,
      a.freezeOverride,
    ],
  );
  return { id: Number((result as { insertId: number }).insertId), proposedAt: now, expiresAt };
}

export async function insertTargets(
  conn: PoolConnection,
  actionId: number,
  entityIds: number[],
): Promise<void> {
  if (entityIds.length === 0) return;
  await conn.query('INSERT INTO action_targets (action_id, entity_id) VALUES ?', [
    entityIds.map((id) => [actionId, id]),
  ]);
}

export interface StateChange {
  id: number;
  from: ActionState;
  to: ActionState;
  /** Judge expiry by database time in the same statement: `unexpired` for decisions, `expired` for expiry. */
  expiry: 'unexpired' | 'expired' | null;
  set?: {
    decidedBy?: string;
    decisionComment?: string | null;
    outcome?: string | null;
    failureReason?: string | null;
    policyVersion?: string;
  };
}

/** The conditional update behind every transition: 1 row for the one winner, 0 for everyone else. */
export async function updateState(conn: PoolConnection, change: StateChange): Promise<number> {
  const sets = ['state = ?', `updated_at = ${DB_NOW_MS}`];
  const params: (string | number | null)[] = [change.to];
  const set = (column: string, value: string | null) => {
    sets.push(`${column} = ?`);
    params.push(value);
  };
  const extra = change.set ?? {};
  if (extra.decidedBy !== undefined) set('decided_by', extra.decidedBy);
  if (extra.decisionComment !== undefined) set('decision_comment', extra.decisionComment);
  if (extra.outcome !== undefined) set('outcome', extra.outcome);
  if (extra.failureReason !== undefined)
    set('failure_reason', extra.failureReason?.slice(0, 1024) ?? null);
  if (extra.policyVersion !== undefined) set('policy_version', extra.policyVersion);
  const expiry =
    change.expiry === 'unexpired'
      ? ` AND expires_at > ${DB_NOW_MS}`
      : change.expiry === 'expired'
        ? ` AND expires_at <= ${DB_NOW_MS}`
        : '';
  params.push(change.id, change.from);
  const [result] = await conn.query(
    `UPDATE actions SET ${sets.join(', ')} WHERE id = ? AND state = ?${expiry}`,
    params,
  );
  return (result as { affectedRows: number }).affectedRows;
}

export async function findActionIdByIdempotencyKey(
  conn: Queryable,
  keyId: number,
): Promise<number | null> {
  const [rows] = await conn.query('SELECT id FROM actions WHERE idempotency_key_id = ?', [keyId]);
  return firstRow(rows, IdRowSchema.parse)?.id ?? null;
}

export interface ActionFilter extends KeysetRead {
  state?: ActionState;
  type?: ActionType;
  target?: string;
}

/** Newest first, keyset on id. */
export async function listActionRecords(
  conn: Queryable,
  filter: ActionFilter,
): Promise<ActionRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const when = (condition: string, value: string | number) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.state) when('a.state = ?', filter.state);
  if (filter.type) when('a.type = ?', filter.type);
  if (filter.target) when('a.target_slug = ?', filter.target);
  if (filter.before !== undefined) when('a.id < ?', filter.before);
  params.push(filter.limit);
  const [rows] = await conn.query(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`,
    params,
  );
  return allRows(rows, toRecord);
}

/** Ids of actions in a state, optionally only those unchanged for `idleMs` (database time); for the sweeper. */
export async function actionIdsInState(
  conn: Queryable,
  state: ActionState,
  options: { idleMs?: number; expiredOnly?: boolean; limit: number },
): Promise<number[]> {
  const where = ['state = ?'];
  const params: (string | number)[] = [state];
  if (options.idleMs !== undefined) {
    where.push(`updated_at <= ${DB_NOW_MS} - ?`);
    params.push(options.idleMs);
  }
  if (options.expiredOnly) where.push(`expires_at <= ${DB_NOW_MS}`);
  params.push(options.limit);
  const [rows] = await conn.query(
    `SELECT id FROM actions WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
    params,
  );
  return allRows(rows, IdRowSchema.parse).map((row) => row.id);
}
