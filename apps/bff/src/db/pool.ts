import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { boundPool, capStatementTime } from './bounded-pool.ts';
import { enableCausalReads } from './causal-reads.ts';
import { closeCommitHooks, openCommitHooks } from './commit-hooks.ts';
import { configureRetries, retryTransaction } from './retry-transaction.ts';
import type { Logger } from '../logger.ts';

export type { Pool, PoolConnection };

export interface PoolOptions {
  url: string;
  connectionLimit?: number;
  /** Bound on how long a request may wait for a free connection before it is refused. */
  queueTimeoutMs?: number;
  /** Server-side cap on every statement of this pool's connections. */
  statementTimeoutMs?: number;
  /**
   * Client-side deadline of every call on this pool's connections; a connection that misses it is
   * destroyed. Defaults to the statement limit plus one second, so a slow statement is normally
   * stopped by the server first and only a frozen server or a silent network trips it.
   */
  callDeadlineMs?: number;
  /** Where retried transactions are logged (warn); a stdout logger at warn when absent. */
  logger?: Logger;
}

/** The client-side deadline a pool gets: explicit, else one second past the server's statement limit. */
function callDeadlineOf(options: PoolOptions): number | undefined {
  if (options.callDeadlineMs) return options.callDeadlineMs;
  return options.statementTimeoutMs ? options.statementTimeoutMs + 1_000 : undefined;
}

/** One pool per process. Times travel as epoch milliseconds in BIGINT columns, so no time-zone conversion applies. */
export function createPool(options: PoolOptions): Pool {
  const callDeadlineMs = callDeadlineOf(options);
  const pool = mysql.createPool({
    uri: options.url,
    connectionLimit: options.connectionLimit ?? 20,
    waitForConnections: true,
    queueLimit: 500,
    // A handshake with a frozen server must not hold a pool slot longer than a call may take.
    connectTimeout: Math.min(5_000, Math.max(1_000, callDeadlineMs ?? 5_000)),
    enableKeepAlive: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    timezone: 'Z',
    charset: 'utf8mb4_general_ci',
    multipleStatements: false,
  });
  if (options.statementTimeoutMs) capStatementTime(pool, options.statementTimeoutMs);
  enableCausalReads(pool);
  if (options.logger) configureRetries(pool, { logger: options.logger });
  return options.queueTimeoutMs || callDeadlineMs
    ? boundPool(pool, { queueTimeoutMs: options.queueTimeoutMs, callDeadlineMs })
    : pool;
}

/**
 * Runs fn in a transaction; commits on success, rolls back on any error and rethrows it. Refused
 * as a whole (certification conflict or deadlock, 1213; non-primary Galera node, 1047), it is run
 * again from the start within retryTransaction's bounds, so fn must be safe to repeat: database
 * work is rolled back, and in-memory effects go in onCommit hooks, which only the attempt that
 * committed runs.
 */
export function withTransaction<T>(
  pool: Pool,
  fn: (conn: PoolConnection) => Promise<T>,
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ',
): Promise<T> {
  return retryTransaction(pool, () => transactionOnce(pool, fn, isolation));
}

async function transactionOnce<T>(
  pool: Pool,
  fn: (conn: PoolConnection) => Promise<T>,
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ',
): Promise<T> {
  const conn = await pool.getConnection();
  try {
    if (isolation) await conn.query(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
    await conn.beginTransaction();
    openCommitHooks(conn);
    const result = await fn(conn);
    // On Galera a refused certification surfaces here, as 1213: nothing was applied.
    await conn.commit();
    closeCommitHooks(conn, true);
    return result;
  } catch (error) {
    closeCommitHooks(conn, false);
    await conn.rollback().catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
}

/** Either a pool or a connection inside a transaction: repositories accept both. */
export type Queryable = Pool | PoolConnection;
