import { can } from '@watchfloor/shared/permissions';
import { parseRoles } from '../auth/users.repository.ts';
import { z } from 'zod';
import {
  PolicyChangeStateSchema,
  PolicyDiffEntrySchema,
  ShadowReportSchema,
  type PolicyChangeApproval,
  type PolicyChangeState,
  type PolicyDiffEntry,
  type ShadowReport,
} from '@watchfloor/shared/actions/policy-changes';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import type { PoolConnection, Queryable } from '../../db/pool.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { allRows, camelColumns, firstRow, jsonText, numeric } from '../../db/row-values.ts';

const ChangeRowSchema = z.object({
  id: numeric,
  proposed_version: z.string(),
  base_version: z.string(),
  proposer: z.string(),
  comment: z.string(),
  state: PolicyChangeStateSchema,
  diff: jsonText(z.array(PolicyDiffEntrySchema)),
  shadow: jsonText(ShadowReportSchema),
  policy: z.string(),
  created_at: numeric,
  expires_at: numeric,
  decided_at: numeric.nullable(),
  decided_by: z.string().nullable(),
  decision_comment: z.string().nullable(),
  now_ms: numeric,
});

/** A stored change; `policyText` is the proposed version's canonical JSON, `nowMs` the database clock at the read. */
export type ChangeRecord = Omit<z.output<typeof ChangeRowSchema>, 'policy' | 'now_ms'> & {
  policyText: string;
  nowMs: number;
};

const SELECT_CHANGE = `SELECT c.id, c.proposed_version, c.base_version, c.proposer, c.comment, c.state, c.diff,
       c.shadow, v.policy, c.created_at, c.expires_at, c.decided_at, c.decided_by, c.decision_comment,
       ${DB_NOW_MS} AS now_ms
  FROM policy_changes c JOIN policy_versions v ON v.version = c.proposed_version`;

function toRecord(row: unknown): ChangeRecord {
  const { policy, now_ms, ...rest } = ChangeRowSchema.parse(row);
  return { ...rest, policyText: policy, nowMs: now_ms };
}

export async function insertChange(
  conn: PoolConnection,
  change: {
    proposedVersion: string;
    baseVersion: string;
    proposer: string;
    comment: string;
    diff: PolicyDiffEntry[];
    shadow: ShadowReport;
    lifetimeMs: number;
    idempotencyKeyId: number | null;
  },
): Promise<number> {
  const [result] = await conn.query(
    `INSERT INTO policy_changes (proposed_version, base_version, proposer, comment, state, diff, shadow,
       created_at, expires_at, idempotency_key_id)
     VALUES (?, ?, ?, ?, 'proposed', ?, ?, ${DB_NOW_MS}, ${DB_NOW_MS} + ?, ?)`,
    [
      change.proposedVersion,
      change.baseVersion,
      change.proposer,
      change.comment,
      canonicalJson(change.diff),
      canonicalJson(change.shadow),
      change.lifetimeMs,
      change.idempotencyKeyId,
    ],
  );
  return Number((result as { insertId: number }).insertId);
}

/** One change; `forUpdate` locks its row inside the caller's transaction. */
export async function findChange(
  conn: Queryable,
  id: number,
  forUpdate = false,
): Promise<ChangeRecord | null> {
  const [rows] = await conn.query(
    `${SELECT_CHANGE} WHERE c.id = ?${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return firstRow(rows, toRecord);
}

/** The newest changes, optionally only those in one state; bounded. */
export async function listChanges(
  conn: Queryable,
  limit: number,
  state?: PolicyChangeState,
): Promise<ChangeRecord[]> {
  const [rows] = await conn.query(
    `${SELECT_CHANGE} ${state ? 'WHERE c.state = ?' : ''} ORDER BY c.id DESC LIMIT ?`,
    state ? [state, limit] : [limit],
  );
  return allRows(rows, toRecord);
}

export async function changeIdByIdempotencyKey(
  conn: Queryable,
  keyId: number,
): Promise<number | null> {
  const [rows] = await conn.query('SELECT id FROM policy_changes WHERE idempotency_key_id = ?', [
    keyId,
  ]);
  return firstRow(rows, z.object({ id: numeric }).parse)?.id ?? null;
}

/**
 * Moves a change out of `proposed`. Conditional on it still being proposed: false when another
 * request decided it first.
 */
export async function closeChange(
  conn: PoolConnection,
  id: number,
  to: Exclude<PolicyChangeState, 'proposed'>,
  by: string | null,
  comment: string | null,
): Promise<boolean> {
  const [result] = await conn.query(
    `UPDATE policy_changes SET state = ?, decided_at = ${DB_NOW_MS}, decided_by = ?, decision_comment = ?
      WHERE id = ? AND state = 'proposed'`,
    [to, by, comment, id],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

/** Records an approval; false when this admin had already approved (the primary key counts them once). */
export async function insertApproval(
  conn: PoolConnection,
  changeId: number,
  approver: string,
  comment: string | null,
): Promise<boolean> {
  const [result] = await conn.query(
    `INSERT IGNORE INTO policy_change_approvals (change_id, approver, comment, at) VALUES (?, ?, ?, ${DB_NOW_MS})`,
    [changeId, approver, comment],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

const ApprovalRowSchema = z.object({
  change_id: numeric,
  approver: z.string(),
  comment: z.string().nullable(),
  at: numeric,
});

/** Approvals of these changes, in the order given. */
export async function approvalsOf(
  conn: Queryable,
  changeIds: number[],
): Promise<Map<number, PolicyChangeApproval[]>> {
  const out = new Map<number, PolicyChangeApproval[]>();
  if (changeIds.length === 0) return out;
  const [rows] = await conn.query(
    'SELECT change_id, approver, comment, at FROM policy_change_approvals WHERE change_id IN (?) ORDER BY at, approver',
    [changeIds],
  );
  for (const row of allRows(rows, ApprovalRowSchema.parse)) {
    const { changeId, ...approval } = camelColumns(row);
    out.set(changeId, [...(out.get(changeId) ?? []), approval]);
  }
  return out;
}

/**
 * Those of `usernames` who may change policy now (enabled, holding `policy.change`), in the order given: approvals count towards
 * activation only while their approver still holds the role.
 */
export async function currentAdmins(conn: Queryable, usernames: string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  const [rows] = await conn.query(
    'SELECT username, roles FROM users WHERE username IN (?) AND disabled = 0',
    [usernames],
  );
  const admins = new Set(
    (rows as { username: string; roles: string }[])
      .filter((r) => can(parseRoles(r.roles), 'policy.change'))
      .map((r) => r.username),
  );
  return usernames.filter((name) => admins.has(name));
}
