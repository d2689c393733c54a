import type { PolicyEvaluation } from '@watchfloor/shared/actions/api';
import { canTransition, type ActionState } from '@watchfloor/shared/actions/states';
import type { PoolConnection } from '../../../db/pool.ts';
import { conflict } from '../../../http/app-error.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { insertEvaluation } from '../store/action-records.repository.ts';
import type { ActionHooks, ActionsDeps } from '../actions-deps.ts';
import { inActionTransaction } from '../store/action-transaction.ts';
import {
  insertAction,
  insertTargets,
  updateState,
  type NewAction,
  type StateChange,
} from '../store/actions.repository.ts';
import { SYSTEM_ACTOR, type EvaluationInputs } from '../policy/policy-evaluation.ts';
import { enqueueTransitionNotification } from '../../notifications/notification-events.ts';

export interface TransitionRequest {
  actionId: number;
  from: ActionState;
  to: ActionState;
  actor: string;
  /** What the action is, repeated in each record so a record reads on its own (and charts can title it). */
  summary: { type: string; target: { kind: string; id: string } };
  payload?: Record<string, unknown>;
  set?: StateChange['set'];
}

/**
 * The one place action states change. Checks the transition table, makes a conditional update on
 * the `from` state (judging expiry by database time in the same statement), and appends the audit
 * record and the outgoing notification (if the new state is announced) in the same transaction.
 * Returns false when another caller got there first.
 */
export async function transition(
  conn: PoolConnection,
  hooks: ActionHooks | undefined,
  request: TransitionRequest,
): Promise<boolean> {
  const { actionId, from, to } = request;
  if (!canTransition(from, to)) throw conflict(`An action cannot go from ${from} to ${to}`);
  const expiry = from === 'proposed' ? (to === 'expired' ? 'expired' : 'unexpired') : null;
  const changed = await updateState(conn, { id: actionId, from, to, expiry, set: request.set });
  if (changed !== 1) return false;
  await hooks?.inTransaction?.('after-state-change', { actionId, to });
  await appendAudit(conn, {
    actor: request.actor,
    event: `action.${to}`,
    subject: `action:${actionId}`,
    actionId,
    payload: { from, to, ...request.summary, ...request.payload },
  });
  await enqueueTransitionNotification(conn, request);
  await hooks?.inTransaction?.('after-audit', { actionId, to });
  return true;
}

/** A transition the system makes on its own (expiry, a failed execution), in a transaction of its own. */
export function systemTransition(
  deps: Pick<ActionsDeps, 'pool' | 'hooks'>,
  request: Omit<TransitionRequest, 'actor'>,
): Promise<boolean> {
  return inActionTransaction(deps.pool, (conn) =>
    transition(conn, deps.hooks, { ...request, actor: SYSTEM_ACTOR }),
  );
}

/** Creates an action in its initial state, with its exact targets and its audit record. */
export async function recordProposal(
  conn: PoolConnection,
  action: NewAction,
  targets: { id: number; slug: string }[],
  extra: Record<string, unknown>,
): Promise<{ id: number; proposedAt: number; expiresAt: number }> {
  const created = await insertAction(conn, action);
  await insertTargets(
    conn,
    created.id,
    targets.map((t) => t.id),
  );
  await appendAudit(conn, {
    actor: action.proposer,
    event: 'action.proposed',
    subject: `action:${created.id}`,
    actionId: created.id,
    payload: {
      to: 'proposed',
      type: action.type,
      target: { kind: action.targetKind, id: action.targetSlug },
      params: JSON.parse(action.params) as unknown,
      rationale: action.rationale,
      evidence: JSON.parse(action.evidence) as unknown,
      targets: targets.map((t) => t.slug),
      expiresAt: created.expiresAt,
      policyVersion: action.policyVersion,
      approvalsRequired: action.approvalsRequired,
      ...extra,
    },
  });
  await enqueueTransitionNotification(
    conn,
    {
      actionId: created.id,
      to: 'proposed',
      actor: action.proposer,
      summary: { type: action.type, target: { kind: action.targetKind, id: action.targetSlug } },
    },
    { needsApproval: action.approvalsRequired > 0 },
  );
  return created;
}

/** Stores a policy evaluation (inputs, results, version) and its audit record, in the caller's transaction. */
export async function recordEvaluation(
  conn: PoolConnection,
  actionId: number | null,
  evaluation: PolicyEvaluation,
  inputs: EvaluationInputs,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await insertEvaluation(conn, actionId, evaluation, JSON.stringify(inputs));
  await appendAudit(conn, {
    actor: evaluation.actor,
    event: evaluation.passed ? 'policy.passed' : 'policy.refused',
    subject:
      actionId === null
        ? `proposal:${inputs.action.type}:${inputs.action.target.id}`
        : `action:${actionId}`,
    actionId,
    payload: {
      stage: evaluation.stage,
      policyName: evaluation.policyName,
      policyVersion: evaluation.policyVersion,
      passed: evaluation.passed,
      results: evaluation.results,
      approvalsRequired: evaluation.approvalsRequired,
      autoApprove: evaluation.autoApprove,
      inputs,
      ...extra,
    },
  });
}
