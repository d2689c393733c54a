import type { Action, PolicyEvaluation } from '@watchfloor/shared/actions/api';
import type { Me } from '@watchfloor/shared/auth';
import type { Quality } from '@watchfloor/shared/quality';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import { withTransaction } from '../../../db/pool.ts';
import { conflict, notFound } from '../../../http/app-error.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { databaseNow } from '../../../db/db-clock.ts';
import { inActionTransaction, afterCommit } from '../store/action-transaction.ts';
import { executionRequest, executorThrew } from '../executors/executor.ts';
import { actionAnswer } from './action-answer.ts';
import type { ActionsDeps } from '../actions-deps.ts';
import { findAction, lockAction } from '../store/actions.repository.ts';
import {
  evaluatePolicy,
  type EvaluationInputs,
  policyRefusal,
} from '../policy/policy-evaluation.ts';
import { inputsForAction } from '../policy/policy-inputs.ts';
import { summaryOf } from './proposed-guard.ts';
import { recordEvaluation, transition } from './transitions.ts';

class RollbackFailure extends Error {}

/**
 * Undoes an executed action with its inverse, through the same executor. The inverse effect, the
 * executed → rolled_back transition and its audit record commit together; if the executor cannot
 * undo it, nothing changes, the failure is audited and the caller gets 409 with the reason.
 */
export async function rollbackAction(
  deps: ActionsDeps,
  user: Me,
  id: number,
  comment: string | null,
): Promise<{ data: Action; quality: Quality }> {
  const seen = await findAction(deps.pool, id);
  if (!seen) throw notFound(`Action ${id} does not exist`);
  if (seen.state !== 'executed')
    throw conflict(`Action ${id} is ${seen.state}; only an executed action can be rolled back`);
  const snapshot = deps.policy.current();
  let evaluated: { evaluation: PolicyEvaluation; inputs: EvaluationInputs } | null = null;
  try {
    const refused = await withTransaction(
      deps.pool,
      async (conn) => {
        const state = await lockAction(conn, id);
        if (state !== 'executed')
          throw conflict(`Action ${id} is ${state}; only an executed action can be rolled back`);
        const current = (await findAction(conn, id))!;
        const { target, inputs } = await inputsForAction(conn, {
          stage: 'rollback',
          actor: user,
          record: current,
          quality: null,
        });
        const evaluation = evaluatePolicy(snapshot, inputs, current.dbNow);
        evaluated = { evaluation, inputs };
        await recordEvaluation(conn, id, evaluation, inputs);
        if (!evaluation.passed) return evaluation;
        const executor = deps.executorFor(current.type);
        const outcome = await executor
          .run(
            executionRequest(current, 'rollback', target.entities, conn, await databaseNow(conn)),
          )
          .catch((error: unknown) => executorThrew(executor, error));
        if (!outcome.ok) throw new RollbackFailure(outcome.reason);
        await transition(conn, deps.hooks, {
          actionId: id,
          from: 'executed',
          to: 'rolled_back',
          actor: user.username,
          summary: summaryOf(current),
          payload: { comment, executor: executor.name, outcome: outcome.detail },
          set: { outcome: canonicalJson({ ...current.outcome, rollback: outcome.detail }) },
        });
        return null;
      },
      'READ COMMITTED',
    );
    if (refused) throw policyRefusal('rollback', refused);
  } catch (error) {
    if (!(error instanceof RollbackFailure)) throw error;
    const record = (await findAction(deps.pool, id))!;
    const recorded = evaluated as { evaluation: PolicyEvaluation; inputs: EvaluationInputs } | null;
    await inActionTransaction(deps.pool, async (conn) => {
      if (recorded) await recordEvaluation(conn, id, recorded.evaluation, recorded.inputs);
      await appendAudit(conn, {
        actor: user.username,
        event: 'action.rollback_failed',
        subject: `action:${id}`,
        actionId: id,
        payload: { ...summaryOf(record), reason: error.message, comment },
      });
    });
    throw conflict(`Rollback of action ${id} failed: ${error.message}; it stays executed`);
  } finally {
    await afterCommit(deps);
  }
  return actionAnswer(deps.pool, id);
}
