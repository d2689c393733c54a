import type { Pool, PoolConnection } from 'mysql2/promise';

/** Raised when no pooled connection became free in time: the request is refused (503), not parked. */
export class PoolAcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`No database connection became free within ${timeoutMs} ms`);
  }
}

/**
 * mysql2 queues a request for a busy pool without any time limit, so under exhaustion requests
 * would hang for as long as the slowest statement runs. Bounds that wait: a request that times
 * out is refused, and the connection it would have got later is handed straight back.
 */
export function boundAcquireTime(pool: Pool, timeoutMs: number): Pool {
  const acquire = pool.getConnection.bind(pool);
  const getConnection = (): Promise<PoolConnection> =>
    new Promise((resolve, reject) => {
      let expired = false;
      const timer = setTimeout(() => {
        expired = true;
        reject(new PoolAcquireTimeoutError(timeoutMs));
      }, timeoutMs);
      acquire().then(
        (conn) => {
          clearTimeout(timer);
          if (expired) conn.release();
          else resolve(conn);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!expired) reject(error);
        },
      );
    });
  const onConnection =
    <T>(run: (conn: PoolConnection) => Promise<T>) =>
    async (): Promise<T> => {
      const conn = await getConnection();
      try {
        return await run(conn);
      } finally {
        conn.release();
      }
    };
  return Object.assign(pool, {
    getConnection,
    query: ((...args: Parameters<Pool['query']>) =>
      onConnection((conn) =>
        (conn.query as (...a: unknown[]) => Promise<unknown>)(...args),
      )()) as Pool['query'],
    execute: ((...args: Parameters<Pool['execute']>) =>
      onConnection((conn) =>
        (conn.execute as (...a: unknown[]) => Promise<unknown>)(...args),
      )()) as Pool['execute'],
  });
}

/**
 * Caps every statement on the server too, so a runaway query stops using the database when the
 * client gives up on it. MariaDB names the limit max_statement_time (seconds, all statements);
 * MySQL max_execution_time (milliseconds, SELECT only).
 */
export function capStatementTime(pool: Pool, timeoutMs: number): void {
  // The promise pool re-emits the core pool's events with the core (callback-style) connection.
  (pool as unknown as { on(event: 'connection', fn: (conn: CoreConnection) => void): void }).on(
    'connection',
    (conn) => {
      conn.query(`SET SESSION max_statement_time = ${timeoutMs / 1000}`, (error) => {
        if (error)
          conn.query(`SET SESSION max_execution_time = ${Math.round(timeoutMs)}`, () => undefined);
      });
    },
  );
}

interface CoreConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}
