import { ALL_TEAMS } from '@watchfloor/shared/teams';
import { segmentHealthFacts } from '../policy/segment-health.ts';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import { withTransaction } from '../../../db/pool.ts';
import { conflict, notFound } from '../../../http/app-error.ts';
import { databaseNow } from '../../../db/db-clock.ts';
import { inActionTransaction, afterCommit } from '../store/action-transaction.ts';
import type { ActionsDeps } from '../actions-deps.ts';
import { findAction, lockAction } from '../store/actions.repository.ts';
import { executionRequest, executorThrew, type ExecutionOutcome } from '../executors/executor.ts';
import { evaluatePolicy, SYSTEM_ACTOR } from '../policy/policy-evaluation.ts';
import { inputsForAction, storedTarget } from '../policy/policy-inputs.ts';
import { targetQuality } from '../policy/target-quality.ts';
import { summaryOf } from './proposed-guard.ts';
import { lockSegment, targetsOfActions } from '../store/targets.repository.ts';
import { recordEvaluation, systemTransition, transition } from './transitions.ts';

class ExecutionFailure extends Error {}

/**
 * Executes an approved action at most once. First transaction: re-evaluate the policy (a changed
 * policy, unsafe data or a new conflict fails the action closed, with the reason) and move
 * approved → executing; only one caller can win that. Then finishExecution runs the executor.
 */
export async function executeAction(
  deps: ActionsDeps,
  id: number,
  triggeredBy: string,
): Promise<void> {
  await deps.hooks?.beforeExecute?.(id);
  const record = await findAction(deps.pool, id);
  if (!record) throw notFound(`Action ${id} does not exist`);
  if (record.state !== 'approved')
    throw conflict(`Action ${id} is ${record.state}; only an approved action can be executed`);
  const snapshot = deps.policy.current();
  const [quality, segmentHealth] = await Promise.all([
    targetQuality(
      deps,
      (await storedTarget(deps.pool, record)).qualityScope,
      snapshot.policy.qualityWindowMinutes,
    ),
    segmentHealthFacts(deps.pool, record.segmentId),
  ]);
  const started = await inActionTransaction(deps.pool, async (conn) => {
    await lockSegment(conn, record.segmentId);
    const state = await lockAction(conn, id);
    if (state !== 'approved') return { ok: false as const, state };
    const current = (await findAction(conn, id))!;
    const { inputs } = await inputsForAction(conn, {
      stage: 'execution',
      actor: { username: SYSTEM_ACTOR, roles: [], teams: [ALL_TEAMS] },
      record: current,
      quality,
      segmentHealth,
    });
    const evaluation = evaluatePolicy(snapshot, inputs, current.dbNow);
    await recordEvaluation(conn, id, evaluation, inputs);
    const summary = summaryOf(current);
    await transition(conn, deps.hooks, {
      actionId: id,
      from: 'approved',
      to: 'executing',
      actor: SYSTEM_ACTOR,
      summary,
      payload: { triggeredBy, policyVersion: snapshot.version },
    });
    if (evaluation.passed) return { ok: true as const };
    const reason = `refused at execution by policy "${evaluation.policyName}": ${evaluation.results
      .filter((r) => !r.passed)
      .map((r) => r.message)
      .join('; ')}`;
    await transition(conn, deps.hooks, {
      actionId: id,
      from: 'executing',
      to: 'failed',
      actor: SYSTEM_ACTOR,
      summary,
      payload: { reason },
      set: { failureReason: reason },
    });
    return { ok: false as const, state: 'failed' as const };
  });
  await afterCommit(deps);
  if (!started.ok) {
    if (started.state === 'failed') return;
    throw conflict(
      `Action ${id} is ${started.state ?? 'missing'}; only an approved action can be executed`,
    );
  }
  await finishExecution(deps, id);
}

/**
 * Runs the executor for an action in `executing` and records what it saw. The executor writes its
 * simulated effect through the same transaction as executing → executed and its audit record, so
 * a crash leaves neither; a failure rolls the effect back and records failed with the reason.
 * Safe to call again for an action left executing by a dead process (the sweeper does).
 */
export async function finishExecution(deps: ActionsDeps, id: number): Promise<void> {
  let executorName = 'unknown';
  try {
    await withTransaction(
      deps.pool,
      async (conn) => {
        if ((await lockAction(conn, id)) !== 'executing') return;
        const record = (await findAction(conn, id))!;
        const targets = (await targetsOfActions(conn, [id])).get(id) ?? [];
        const executor = deps.executorFor(record.type);
        executorName = executor.name;
        let outcome: ExecutionOutcome;
        try {
          outcome = await executor.run(
            executionRequest(record, 'execute', targets, conn, await databaseNow(conn)),
          );
        } catch (error) {
          outcome = executorThrew(executor, error);
        }
        if (!outcome.ok) throw new ExecutionFailure(outcome.reason);
        await transition(conn, deps.hooks, {
          actionId: id,
          from: 'executing',
          to: 'executed',
          actor: SYSTEM_ACTOR,
          summary: summaryOf(record),
          payload: { executor: executor.name, outcome: outcome.detail },
          set: { outcome: canonicalJson(outcome.detail) },
        });
      },
      'READ COMMITTED',
    );
  } catch (error) {
    if (!(error instanceof ExecutionFailure)) throw error;
    const record = (await findAction(deps.pool, id))!;
    await systemTransition(deps, {
      actionId: id,
      from: 'executing',
      to: 'failed',
      summary: summaryOf(record),
      payload: { executor: executorName, reason: error.message },
      set: { failureReason: error.message },
    });
  }
  await afterCommit(deps);
}
