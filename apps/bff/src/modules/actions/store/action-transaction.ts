import { withTransaction, type Pool, type PoolConnection } from '../../../db/pool.ts';
import { checkpointIfDue } from '../../audit/audit.service.ts';
import type { ActionsDeps } from '../actions-deps.ts';

/**
 * A READ COMMITTED transaction: reads after a FOR UPDATE see the latest committed rows. Retried as
 * a whole by withTransaction when refused (deadlock victim on one server, certification conflict
 * on Galera, where FOR UPDATE does not hold off another node: only a successful commit proves a
 * transition was won, and the retry re-reads the state and finds it taken).
 * Inside, use only `conn`: taking a second pool connection could starve the pool under load.
 */
export function inActionTransaction<T>(
  pool: Pool,
  fn: (conn: PoolConnection) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, fn, 'READ COMMITTED');
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
