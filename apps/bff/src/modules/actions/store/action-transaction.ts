import { withTransaction, type Pool, type PoolConnection } from '../../../db/pool.ts';
import { checkpointIfDue } from '../../audit/audit.service.ts';
import type { ActionsDeps } from '../actions-deps.ts';

const isDeadlock = (error: unknown) =>
  (error as { code?: string })?.code === 'ER_LOCK_DEADLOCK' ||
  (error as { errno?: number })?.errno === 1213;

/**
 * A READ COMMITTED transaction, retried when InnoDB picks it as a deadlock victim (it was rolled
 * back whole, so running it again is safe). Reads after a FOR UPDATE see the latest committed rows.
 * Inside, use only `conn`: taking a second pool connection could starve the pool under load.
 */
export async function inActionTransaction<T>(
  pool: Pool,
  fn: (conn: PoolConnection) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransaction(pool, fn, 'READ COMMITTED');
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
}

/**
 * Runs after an action's transaction commits: writes an audit checkpoint when one is due. A
 * failure here never fails the request (the change is committed); the timer retries later.
 */
export async function afterCommit(deps: ActionsDeps): Promise<void> {
  try {
    await checkpointIfDue(deps.pool, deps.auditKey, deps.checkpoints);
  } catch (error) {
    deps.logger?.warn({ err: { message: (error as Error).message } }, 'audit checkpoint failed');
  }
}
