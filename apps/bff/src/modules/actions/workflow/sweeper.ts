import { AppError } from '../../../http/app-error.ts';
import { afterCommit } from '../store/action-transaction.ts';
import type { ActionsDeps } from '../actions-deps.ts';
import { actionIdsInState, findAction } from '../store/actions.repository.ts';
import { executeAction, finishExecution } from './execution.service.ts';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency.ts';
import { pruneKeys } from '../store/idempotency.repository.ts';
import { summaryOf } from './proposed-guard.ts';
import { SYSTEM_ACTOR } from '../policy/policy-evaluation.ts';
import { systemTransition } from './transitions.ts';
import { enqueueExpiryWarnings } from '../../notifications/expiry-warnings.ts';

export interface SweepResult {
  expired: number;
  executed: number;
  resumed: number;
}

const BATCH = 100;
/** An approved action left alone this long was not executed by its request (crash, or deferred execution). */
const APPROVED_IDLE_MS = 30_000;
/** An action executing this long belongs to a dead process; its executor is idempotent, so it is run again. */
const EXECUTING_IDLE_MS = 120_000;

const ignoreConflicts = (error: unknown) => {
  if (error instanceof AppError && error.status === 409) return;
  throw error;
};

/**
 * One pass: expires proposals past their expiry (database time), enqueues the warning of those
 * about to expire, executes approved actions no request executed, resumes executions a dead
 * process left behind, prunes old idempotency keys.
 * Every step is a conditional transition, so several BFF processes may sweep at once.
 */
export async function sweepActions(
  deps: ActionsDeps,
  options: { approvedIdleMs?: number; executingIdleMs?: number } = {},
): Promise<SweepResult> {
  const result: SweepResult = { expired: 0, executed: 0, resumed: 0 };
  for (const id of await actionIdsInState(deps.pool, 'proposed', {
    expiredOnly: true,
    limit: BATCH,
  })) {
    const record = await findAction(deps.pool, id);
    if (!record) continue;
    const won = await systemTransition(deps, {
      actionId: id,
      from: 'proposed',
      to: 'expired',
      summary: summaryOf(record),
      payload: { expiresAt: record.expiresAt },
    });
    if (won) result.expired += 1;
  }
  // A warning that cannot be written now is retried next pass; it must not hold up executions.
  await enqueueExpiryWarnings(deps.pool).catch((error: unknown) =>
    deps.logger?.warn({ err: error }, 'expiry warnings not enqueued'),
  );
  const approvedIdle =
    options.approvedIdleMs ?? (deps.executeOnApproval === false ? 0 : APPROVED_IDLE_MS);
  for (const id of await actionIdsInState(deps.pool, 'approved', {
    idleMs: approvedIdle,
    limit: BATCH,
  })) {
    await executeAction(deps, id, SYSTEM_ACTOR).then(() => (result.executed += 1), ignoreConflicts);
  }
  for (const id of await actionIdsInState(deps.pool, 'executing', {
    idleMs: options.executingIdleMs ?? EXECUTING_IDLE_MS,
    limit: BATCH,
  })) {
    await finishExecution(deps, id).then(() => (result.resumed += 1));
  }
  await pruneKeys(deps.pool, IDEMPOTENCY_RETENTION_MS);
  await afterCommit(deps);
  return result;
}

/** Sweeps on a timer; returns a stop function. Errors are logged and the next pass retries. */
export function startActionSweeper(deps: ActionsDeps, everyMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepActions(deps)
      .catch((error: unknown) => deps.logger?.error({ err: error }, 'action sweep failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
