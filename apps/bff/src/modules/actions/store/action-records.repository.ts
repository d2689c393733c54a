import { z } from 'zod';
import {
  type PolicyEvaluation,
  type PreconditionResult,
  EVALUATION_STAGES,
} from '@watchfloor/shared/actions/api';
import type { PoolConnection, Queryable } from '../../../db/pool.ts';
import { allRows, numeric } from '../../../db/row-values.ts';
import { groupByAction } from './group-by-action.ts';

const ApprovalRowSchema = z.object({
  action_id: numeric,
  approver: z.string(),
  approved_at: numeric,
  comment: z.string().nullable(),
});
const EvaluationRowSchema = z.object({
  id: numeric,
  stage: z.enum(EVALUATION_STAGES),
  actor: z.string(),
  policy_name: z.string(),
  policy_version: z.string(),
  passed: numeric,
  approvals_required: numeric,
  auto_approve: numeric,
  results: z.string(),
  evaluated_at: numeric,
});
const ResultsSchema = z.array(
  z.object({ code: z.string(), passed: z.boolean(), message: z.string() }),
);

export interface ApprovalRecord {
  approver: string;
  at: number;
  comment: string | null;
}

/** Records an approval; false when this person had already approved (the primary key counts them once). */
export async function insertApproval(
  conn: PoolConnection,
  actionId: number,
  approver: string,
  at: number,
  comment: string | null,
): Promise<boolean> {
  const [result] = await conn.query(
    'INSERT IGNORE INTO action_approvals (action_id, approver, approved_at, comment) VALUES (?, ?, ?, ?)',
    [actionId, approver, at, comment],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

export async function approvalsOf(
  conn: Queryable,
  actionIds: number[],
): Promise<Map<number, ApprovalRecord[]>> {
  if (actionIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT action_id, approver, approved_at, comment FROM action_approvals WHERE action_id IN (?) ORDER BY approved_at, approver',
    [actionIds],
  );
  return groupByAction(allRows(rows, ApprovalRowSchema.parse), (r) => ({
    approver: r.approver,
    at: r.approved_at,
    comment: r.comment,
  }));
}

export async function insertEvaluation(
  conn: PoolConnection,
  actionId: number | null,
  evaluation: PolicyEvaluation,
  inputs: string,
): Promise<number> {
  const [result] = await conn.query(
    `INSERT INTO action_evaluations (action_id, stage, actor, policy_name, policy_version, passed, approvals_required, auto_approve, inputs, results, evaluated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      actionId,
      evaluation.stage,
      evaluation.actor,
      evaluation.policyName,
      evaluation.policyVersion,
      evaluation.passed ? 1 : 0,
      evaluation.approvalsRequired,
      evaluation.autoApprove ? 1 : 0,
      inputs,
      JSON.stringify(evaluation.results),
      evaluation.evaluatedAt,
    ],
  );
  return Number((result as { insertId: number }).insertId);
}

export async function evaluationsOf(
  conn: Queryable,
  actionId: number,
): Promise<(PolicyEvaluation & { id: number })[]> {
  const [rows] = await conn.query(
    `SELECT id, stage, actor, policy_name, policy_version, passed, approvals_required, auto_approve, results, evaluated_at
       FROM action_evaluations WHERE action_id = ? ORDER BY id LIMIT 500`,
    [actionId],
  );
  return allRows(rows, EvaluationRowSchema.parse).map((r) => {
    const results: PreconditionResult[] = ResultsSchema.parse(JSON.parse(r.results));
    return {
      id: r.id,
      stage: r.stage,
      actor: r.actor,
      policyName: r.policy_name,
      policyVersion: r.policy_version,
      passed: r.passed === 1,
      results,
      approvalsRequired: r.approvals_required,
      autoApprove: r.auto_approve === 1,
      evaluatedAt: r.evaluated_at,
    };
  });
}
