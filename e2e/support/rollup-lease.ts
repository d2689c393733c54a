import { createPool, type Pool } from '../../apps/bff/src/db/pool.ts';

/**
 * Holds the rollup worker off from the test, through the same database lease the workers take
 * (apps/bff/src/modules/rollups/lease.repository.ts): the lease is judged by database time, so
 * a holder other than the worker with an expiry far ahead means no rollup runs until released.
 */
const LEASE = 'rollup';
const HOLDER = 'e2e-journey';

export function openE2eDatabase(mysqlUrl: string): Pool {
  return createPool({ url: mysqlUrl, connectionLimit: 2 });
}

/**
 * Takes the lease whoever holds it. A run in progress holds the lease row inside its transaction,
 * so this waits for that run to commit rather than cutting it in half.
 */
export async function holdRollupLease(pool: Pool): Promise<void> {
  const [result] = await pool.query(
    'UPDATE worker_leases SET holder = ?, expires_at = NOW(3) + INTERVAL 10 MINUTE WHERE name = ?',
    [HOLDER, LEASE],
  );
  if ((result as { affectedRows: number }).affectedRows !== 1)
    throw new Error('no rollup lease row to hold (are migrations applied?)');
}

/** Gives the lease back (expired), so the worker takes it on its next tick. */
export async function releaseRollupLease(pool: Pool): Promise<void> {
  await pool.query(
    "UPDATE worker_leases SET holder = NULL, expires_at = '1970-01-02 00:00:00' WHERE name = ? AND holder = ?",
    [LEASE, HOLDER],
  );
}
