import type { Queryable } from '../../../db/pool.ts';

/**
 * Lets a holder's lease run out by the database clock, which is what acquireLease judges it by:
 * how a test lets lease time pass, never by sleeping.
 */
export async function expireLease(conn: Queryable, name: string, holder: string): Promise<void> {
  const [result] = await conn.query(
    'UPDATE worker_leases SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE name = ? AND holder = ?',
    [name, holder],
  );
  if ((result as { affectedRows: number }).affectedRows !== 1)
    throw new Error(`${holder} does not hold the ${name} lease`);
}
