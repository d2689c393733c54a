import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { loadPolicyFile } from '../actions/policy/policy-source.ts';
import { DatabasePolicySource } from './database-policy-source.ts';

/**
 * The server's policy source: the active version from the database, seeded on first boot from
 * WATCHFLOOR_ACTION_POLICY_FILE (or the default policy), refreshing every few seconds until
 * `stop()`.
 */
export async function openPolicySource(
  pool: Pool,
  file: string | undefined,
  logger: Logger,
): Promise<DatabasePolicySource> {
  const seed = file
    ? { policy: (await loadPolicyFile(file)).current().policy, from: file }
    : { policy: DEFAULT_ACTION_POLICY, from: 'default' };
  const source = await DatabasePolicySource.open(pool, seed, logger.child({ component: 'policy' }));
  source.start();
  return source;
}
