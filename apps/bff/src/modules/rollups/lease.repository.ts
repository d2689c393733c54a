import type { Queryable } from '../../db/pool.ts';

/**
 * Takes or renews a lease judged by database time, so clocks of different hosts never matter.
 * Returns true when `holder` owns the lease afterwards.
 */
export async function acquireLease(
  conn: Queryable,
  name: string,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  const [result] = await conn.query(
    `UPDATE worker_leases SET holder = ?, expires_at = NOW(3) + INTERVAL ? SECOND
      WHERE name = ? AND (holder = ? OR holder IS NULL OR expires_at < NOW(3))`,
    [holder, ttlSeconds, name, holder],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

/** Renews only while still the holder: used inside a run's transaction as a fence. */
export async function renewLease(
  conn: Queryable,
  name: string,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  const [result] = await conn.query(
    'UPDATE worker_leases SET expires_at = NOW(3) + INTERVAL ? SECOND WHERE name = ? AND holder = ?',
    [ttlSeconds, name, holder],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

export async function releaseLease(conn: Queryable, name: string, holder: string): Promise<void> {
  await conn.query(
    "UPDATE worker_leases SET holder = NULL, expires_at = '1970-01-02 00:00:00' WHERE name = ? AND holder = ?",
    [name, holder],
  );
}
