import type { Action } from '@watchfloor/shared/actions/api';
import { ACTION_CATALOGUE } from '@watchfloor/shared/actions/catalogue';
import type { Queryable } from '../../../db/pool.ts';
import { approvalsOf, type ApprovalRecord } from './action-records.repository.ts';
import { findAction, type ActionRecord } from './actions.repository.ts';
import { targetsOfActions, type TargetEntity } from './targets.repository.ts';

/** The API shape of an action from its row, its targets and its approvals. */
export function toAction(
  record: ActionRecord,
  targets: TargetEntity[],
  approvals: ApprovalRecord[],
): Action {
  const definition = ACTION_CATALOGUE[record.type];
  return {
    id: record.id,
    type: record.type,
    label: definition.label,
    risk: definition.risk,
    reversibility: definition.reversibility.kind,
    target: { kind: record.targetKind, id: record.targetSlug },
    segment: record.segmentSlug,
    params: record.params,
    rationale: record.rationale,
    evidence: record.evidence,
    state: record.state,
    proposer: record.proposer,
    proposedAt: record.proposedAt,
    expiresAt: record.expiresAt,
    updatedAt: record.updatedAt,
    policyVersion: record.policyVersion,
    approvalsRequired: record.approvalsRequired,
    approvers: approvals.map((a) => a.approver),
    decidedBy: record.decidedBy,
    decisionComment: record.decisionComment,
    outcome: record.outcome,
    failureReason: record.failureReason,
    freezeOverride: record.freezeOverride,
    targets: targets.map(({ slug, kind, state }) => ({ entity: slug, kind, state })),
  };
}

/** Several actions with their targets and approvals in three queries. */
export async function viewActions(conn: Queryable, records: ActionRecord[]): Promise<Action[]> {
  const ids = records.map((r) => r.id);
  const [targets, approvals] = await Promise.all([
    targetsOfActions(conn, ids),
    approvalsOf(conn, ids),
  ]);
  return records.map((r) => toAction(r, targets.get(r.id) ?? [], approvals.get(r.id) ?? []));
}

export async function loadAction(conn: Queryable, id: number): Promise<Action | null> {
  const record = await findAction(conn, id);
  return record ? (await viewActions(conn, [record]))[0]! : null;
}
