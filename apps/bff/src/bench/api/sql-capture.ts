import type { Pool, PoolConnection } from '../../db/pool.ts';

export interface CapturedStatement {
  sql: string;
  params: unknown;
  /** Query options other than the text (rowsAsArray…), replayed as sent. */
  options?: Record<string, unknown>;
}

/**
 * Runs fn against a pool that records every statement sent through pool.query (the read paths of
 * the drill-down services use nothing else), so the exact SQL an endpoint runs can be replayed.
 */
export async function captureStatements(
  pool: Pool,
  fn: (recording: Pool) => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const statements: CapturedStatement[] = [];
  const recording = new Proxy(pool, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string | { sql: string }, params?: unknown) => {
          if (typeof sql === 'string') statements.push({ sql, params });
          else statements.push({ sql: sql.sql, params, options: { ...sql, sql: undefined } });
          return target.query(sql as never, params as never);
        };
      }
      if (property === 'getConnection' || property === 'execute')
        throw new Error(`unexpected pool.${String(property)} in a read path`);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  await fn(recording);
  return statements;
}

export interface ReplayTiming {
  /** Wall time of the whole sequence as the client saw it (round trips and row decoding included). */
  clientMs: number;
  /** Server execution time of each statement (SHOW PROFILES), in statement order. */
  serverMs: number[];
  /** Rows each statement returned. */
  rows: number[];
}

/** Turns on the server's per-statement profiling for this connection (kept for 100 statements). */
export async function enableProfiling(conn: PoolConnection): Promise<void> {
  await conn.query('SET profiling_history_size = 100');
  await conn.query('SET profiling = 1');
}

/**
 * Runs the statements one after another on one connection with profiling enabled and returns the
 * client wall time and the server's own duration of each statement.
 */
export async function replayStatements(
  conn: PoolConnection,
  statements: readonly CapturedStatement[],
): Promise<ReplayTiming> {
  const before = await lastProfileId(conn);
  const counts: number[] = [];
  const start = performance.now();
  for (const statement of statements) {
    const query = statement.options ? { ...statement.options, sql: statement.sql } : statement.sql;
    const [result] = await conn.query(query as never, statement.params as never);
    counts.push(Array.isArray(result) ? result.length : 0);
  }
  const clientMs = performance.now() - start;
  const [rows] = await conn.query('SHOW PROFILES');
  const profiles = (rows as { Query_ID: number; Duration: number | string }[]).filter(
    (row) => Number(row.Query_ID) > before,
  );
  if (profiles.length !== statements.length)
    throw new Error(`profiling saw ${profiles.length} statements, expected ${statements.length}`);
  return { clientMs, serverMs: profiles.map((row) => Number(row.Duration) * 1000), rows: counts };
}

async function lastProfileId(conn: PoolConnection): Promise<number> {
  const [rows] = await conn.query('SHOW PROFILES');
  return Math.max(0, ...(rows as { Query_ID: number }[]).map((row) => Number(row.Query_ID)));
}

/** Statements that read rollup tables: the pre-aggregated reads a raw-table panel query is replaced by. */
export const readsRollups = (statement: CapturedStatement) =>
  /\bFROM\s+rollups_(1m|1h|1d)\b/i.test(statement.sql);
