import type { Queryable } from './pool.ts';

/**
 * The database clock in epoch milliseconds, as a SQL expression. UTC_TIMESTAMP does not depend on
 * the session time zone, and MySQL 8, MariaDB 10.11 and TiDB all evaluate this form. Expiry and
 * audit times are judged by this one clock, whichever BFF process asks.
 */
export const DB_NOW_MS =
  "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(3)) DIV 1000)";

export async function databaseNow(conn: Queryable): Promise<number> {
  const [rows] = await conn.query(`SELECT ${DB_NOW_MS} AS now_ms`);
  return Number((rows as { now_ms: number | string }[])[0]?.now_ms);
}
