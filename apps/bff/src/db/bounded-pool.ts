import type { Pool, PoolConnection } from 'mysql2/promise';

/** Raised when no pooled connection became free in time: the request is refused (503), not parked. */
export class PoolAcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`No database connection became free within ${timeoutMs} ms`);
  }
}

/** Raised when the database did not answer a call in time: the connection is destroyed, the request refused (503). */
export class DatabaseDeadlineError extends Error {
  readonly code = 'DB_CALL_DEADLINE';
  constructor(timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms`);
  }
}

export interface PoolBounds {
  /** How long a request may wait for a pooled connection. */
  queueTimeoutMs?: number;
  /**
   * Client-side deadline of every call on a connection (query, execute, transaction control).
   * The server's statement limit does not help when the server itself is frozen or the network
   * silently drops packets: then only the client can give up.
   */
  callDeadlineMs?: number;
}

type Call = (...args: unknown[]) => Promise<unknown>;
const BOUNDED_CALLS = [
  'query',
  'execute',
  'beginTransaction',
  'commit',
  'rollback',
  'ping',
] as const;

/**
 * Puts the deadline on every call of one acquired connection (mysql2 makes a new promise wrapper
 * per acquisition). A call that misses it destroys the connection: its socket may still be inside
 * a half-read reply, so handing it back would park the next borrower behind a statement that
 * never ends (mysql2's own `timeout` option rejects the call but keeps the connection).
 */
function boundCalls(conn: PoolConnection, deadlineMs: number): PoolConnection {
  let broken: DatabaseDeadlineError | null = null;
  const bounded = (call: Call): Call => {
    return (...args) => {
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          broken = new DatabaseDeadlineError(deadlineMs);
          conn.destroy();
          reject(broken);
        }, deadlineMs);
        call(...args).then(
          (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    };
  };
  const target = conn as unknown as Record<(typeof BOUNDED_CALLS)[number], Call>;
  for (const name of BOUNDED_CALLS) target[name] = bounded(target[name].bind(conn));
  return conn;
}

/**
 * mysql2 queues a request for a busy pool without any time limit, and waits for a reply without
 * one either, so under exhaustion or a frozen server requests would hang for as long as the slowest
 * statement runs. Bounds both: a request that waits too long for a connection is refused, and the
 * connection it would have got later is handed straight back; a call that gets no answer in time
 * fails and its connection is destroyed.
 */
export function boundPool(pool: Pool, bounds: PoolBounds): Pool {
  const acquire = pool.getConnection.bind(pool);
  const { queueTimeoutMs, callDeadlineMs } = bounds;
  const decorate = (conn: PoolConnection) =>
    callDeadlineMs ? boundCalls(conn, callDeadlineMs) : conn;
  const getConnection = (): Promise<PoolConnection> =>
    !queueTimeoutMs
      ? acquire().then(decorate)
      : new Promise((resolve, reject) => {
          let expired = false;
          const timer = setTimeout(() => {
            expired = true;
            reject(new PoolAcquireTimeoutError(queueTimeoutMs));
          }, queueTimeoutMs);
          acquire().then(
            (conn) => {
              clearTimeout(timer);
              if (expired) conn.release();
              else resolve(decorate(conn));
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
