import type { Queryable } from '../../db/pool.ts';

/** Answers when the database accepts a statement; throws (the driver's error) when it does not. */
export async function pingDatabase(conn: Queryable): Promise<void> {
  await conn.query('SELECT 1');
}
