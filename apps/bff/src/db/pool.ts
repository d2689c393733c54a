import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { boundAcquireTime, capStatementTime } from './bounded-pool.ts';

export type { Pool, PoolConnection };

export interface PoolOptions {
  url: string;
  connectionLimit?: number;
  /** Bound on how long a request may wait for a free connection before it is refused. */
  queueTimeoutMs?: number;
  /** Server-side cap on every statement of this pool's connections. */
  statementTimeoutMs?: number;
}

/** One pool per process. Times travel as epoch milliseconds in BIGINT columns, so no time-zone conversion applies. */
export function createPool(options: PoolOptions): Pool {
  const pool = mysql.createPool({
    uri: options.url,
    connectionLimit: options.connectionLimit ?? 20,
    waitForConnections: true,
    queueLimit: 500,
    connectTimeout: 5_000,
    enableKeepAlive: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    timezone: 'Z',
    charset: 'utf8mb4_general_ci',
    multipleStatements: false,
  });
  if (options.statementTimeoutMs) capStatementTime(pool, options.statementTimeoutMs);
  return options.queueTimeoutMs ? boundAcquireTime(pool, options.queueTimeoutMs) : pool;
}

/** Runs fn in a transaction; commits on success, rolls back on any error and rethrows it. */
export async function withTransaction<T>(
  pool: Pool,
  fn: (conn: PoolConnection) => Promise<T>,
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ',
): Promise<T> {
  const conn = await pool.getConnection();
  try {
    if (isolation) await conn.query(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
    await conn.beginTransaction();
    const result = await fn(conn);
    await conn.commit();
    return result;
  } catch (error) {
    await conn.rollback().catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
}

/** Either a pool or a connection inside a transaction: repositories accept both. */
export type Queryable = Pool | PoolConnection;
