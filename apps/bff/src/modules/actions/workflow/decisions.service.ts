import type { Action } from '@watchfloor/shared/actions/api';
import type { Me } from '@watchfloor/shared/auth';
import type { Quality } from '@watchfloor/shared/quality';
import type { PoolConnection } from '../../../db/pool.ts';
import { AppError, forbidden, notFound } from '../../../http/app-error.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { insertApproval } from '../store/action-records.repository.ts';
import { segmentHealthFacts } from '../policy/segment-health.ts';
import { teamScope } from '@watchfloor/shared/actions/policy';
import { teamScopeRefusal } from '@watchfloor/shared/teams';
import { actionAnswer } from './action-answer.ts';
import type { ActionsDeps } from '../actions-deps.ts';
import { findAction, type ActionRecord } from '../store/actions.repository.ts';
import { afterCommit } from '../store/action-transaction.ts';
import { executeAction } from './execution.service.ts';
import { evaluatePolicy, policyRefusal } from '../policy/policy-evaluation.ts';
import { inputsForAction, storedTarget } from '../policy/policy-inputs.ts';
import { targetQuality } from '../policy/target-quality.ts';
import { decideProposed, ExpiredDuringDecision, summaryOf } from './proposed-guard.ts';
import { recordEvaluation, transition } from './transitions.ts';

async function existing(deps: ActionsDeps, id: number) {
  const record = await findAction(deps.pool, id);
  if (!record) throw notFound(`Action ${id} does not exist`);
  return record;
}

/**
 * Records an approval after evaluating the policy for this approver (recorded either way). The
 * proposer never counts and an approver counts once; when enough distinct approvers agree the
 * action becomes approved and, unless execution is deferred, is executed.
 */
export async function approveAction(
  deps: ActionsDeps,
  user: Me,
  id: number,
  comment: string | null,
): Promise<{ data: Action; quality: Quality }> {
  const record = await existing(deps, id);
  const snapshot = deps.policy.current();
  const [quality, segmentHealth] = await Promise.all([
    targetQuality(
      deps,
      (await storedTarget(deps.pool, record)).qualityScope,
      snapshot.policy.qualityWindowMinutes,
    ),
    segmentHealthFacts(deps.pool, record.segmentId),
  ]);
  const outcome = await decideProposed(
    deps,
    id,
    'approved',
    async (conn, current) => {
      const { approvers, inputs } = await inputsForAction(conn, {
        stage: 'approval',
        actor: user,
        record: current,
        quality,
        segmentHealth,
      });
      const evaluation = evaluatePolicy(snapshot, inputs, current.dbNow);
      await recordEvaluation(conn, id, evaluation, inputs);
      if (!evaluation.passed) return { kind: 'refused' as const, evaluation };
      await insertApproval(conn, id, user.username, current.dbNow, comment);
      const all = [...approvers, user.username];
      await appendAudit(conn, {
        actor: user.username,
        event: 'action.approval_recorded',
        subject: `action:${id}`,
        actionId: id,
        payload: {
          ...summaryOf(current),
          approvers: all,
          approvalsRequired: current.approvalsRequired,
          comment,
          policyVersion: snapshot.version,
        },
      });
      if (all.length < current.approvalsRequired) return { kind: 'recorded' as const };
      const won = await transition(conn, deps.hooks, {
        actionId: id,
        from: 'proposed',
        to: 'approved',
        actor: user.username,
        summary: summaryOf(current),
        payload: { approvers: all, comment, policyVersion: snapshot.version },
        set: {
          decidedBy: user.username,
          decisionComment: comment,
          policyVersion: snapshot.version,
        },
      });
      if (!won) throw new ExpiredDuringDecision();
      return { kind: 'approved' as const };
    },
    { segmentId: record.segmentId },
  );
  await afterCommit(deps);
  if (outcome.kind === 'refused') throw policyRefusal('approval', outcome.evaluation);
  if (outcome.kind === 'approved' && deps.executeOnApproval !== false)
    await executeAction(deps, id, user.username);
  return actionAnswer(deps.pool, id);
}

/** Rejects a proposed action; only the type's approvers may, never its proposer, and a comment is required. */
export async function rejectAction(
  deps: ActionsDeps,
  user: Me,
  id: number,
  comment: string,
): Promise<{ data: Action; quality: Quality }> {
  await existing(deps, id);
  const { policy } = deps.policy.current();
  await decideProposed(deps, id, 'rejected', async (conn, current) => {
    const approvers = policy.types[current.type]?.approvers ?? [];
    if (!user.roles.some((role) => approvers.includes(role)))
      throw forbidden(
        `Your roles (${user.roles.join(', ')}) may not reject ${current.type}; allowed: ${approvers.join(', ')}`,
      );
    if (current.proposer === user.username)
      throw forbidden('You proposed this action; cancel it instead of rejecting it');
    const outOfTeam = teamScopeRefusal(
      teamScope(policy, current.type),
      user.teams,
      { slug: current.segmentSlug, owner: current.segmentOwner },
      `reject ${current.type}`,
    );
    if (outOfTeam) throw forbidden(`Policy "${policy.name}" refused the rejection: ${outOfTeam}`);
    await closeProposed(conn, deps, current, user, 'rejected', comment);
  });
  await afterCommit(deps);
  return actionAnswer(deps.pool, id);
}

/** Withdraws a proposed action; only its proposer may. */
export async function cancelAction(
  deps: ActionsDeps,
  user: Me,
  id: number,
  comment: string | null,
): Promise<{ data: Action; quality: Quality }> {
  await existing(deps, id);
  await decideProposed(deps, id, 'cancelled', async (conn, current) => {
    if (current.proposer !== user.username)
      throw new AppError(
        403,
        'forbidden',
        `Only the proposer (${current.proposer}) may cancel this action`,
      );
    await closeProposed(conn, deps, current, user, 'cancelled', comment);
  });
  await afterCommit(deps);
  return actionAnswer(deps.pool, id);
}

/** Ends a proposed action by a person's decision, with their comment, in the decision's transaction. */
async function closeProposed(
  conn: PoolConnection,
  deps: ActionsDeps,
  current: ActionRecord,
  user: Me,
  to: 'rejected' | 'cancelled',
  comment: string | null,
): Promise<void> {
  const won = await transition(conn, deps.hooks, {
    actionId: current.id,
    from: 'proposed',
    to,
    actor: user.username,
    summary: summaryOf(current),
    payload: { comment },
    set: { decidedBy: user.username, decisionComment: comment },
  });
  if (!won) throw new ExpiredDuringDecision();
}
