import type { Pool, PoolConnection } from '../db/pool.ts';

/**
 * Emulates, on one server, what a Galera cluster does to a transaction that loses certification
 * (1213) or reaches a node outside the primary component (1047): every statement ran, then COMMIT
 * is refused and nothing is applied. The seam wraps a pool object in place: a chosen transaction's
 * COMMIT becomes a ROLLBACK followed by an error shaped exactly like mysql2's, and a chosen
 * autocommit statement throws that error without running. Production code has no hook for it.
 */

export interface DriverError extends Error {
  code: string;
  errno: number;
  sqlState: string;
  sqlMessage: string;
  fatal: false;
}

const SHAPES = {
  1213: {
    code: 'ER_LOCK_DEADLOCK',
    sqlState: '40001',
    message: 'Deadlock found when trying to get lock; try restarting transaction',
  },
  1047: {
    code: 'ER_UNKNOWN_COM_ERROR',
    sqlState: '08S01',
    message: 'WSREP has not yet prepared node for application use',
  },
} as const;

/** The error mysql2 rejects with for `errno`. */
export function driverError(errno: keyof typeof SHAPES): DriverError {
  const shape = SHAPES[errno];
  return Object.assign(new Error(shape.message), {
    code: shape.code,
    errno,
    sqlState: shape.sqlState,
    sqlMessage: shape.message,
    fatal: false as const,
  });
}

export interface RefusalRule {
  errno: keyof typeof SHAPES;
  /**
   * Which units of work are refused: a transaction with a statement, or an autocommit statement,
   * whose SQL text followed by its JSON values matches. Every one when absent.
   */
  when?: RegExp;
  /** How many matching units to refuse (Infinity: all); 1 when absent. */
  times?: number;
  /** Matching units to let through before refusing. */
  skip?: number;
  /**
   * Runs after a refused transaction was rolled back, before its error is thrown: what the winner
   * on another node committed meanwhile (e.g. it took the lease).
   */
  onRefuse?: () => Promise<void>;
}

export interface Refusals {
  /** Units refused so far. */
  readonly refused: number;
  /** Matching units seen so far (refused or let through). */
  readonly matched: number;
  /** Unwraps the pool. */
  restore(): void;
}

type Call = (...args: unknown[]) => Promise<unknown>;

/** The text a rule is matched against: the statement's SQL, then its values. */
function describe(args: unknown[]): string {
  const [first, values] = args;
  const sql = typeof first === 'string' ? first : String((first as { sql?: unknown })?.sql ?? '');
  return `${sql} ${JSON.stringify(values ?? (first as { values?: unknown })?.values ?? [])}`;
}

/** Refuses the units of work on `pool` that `rule` picks, until restore(). */
export function refuseCommits(pool: Pool, rule: RefusalRule): Refusals {
  const times = rule.times ?? 1;
  let skip = rule.skip ?? 0;
  const state = { refused: 0, matched: 0 };
  const matches = (text: string) => rule.when?.test(text) ?? true;
  /** Counts a matching unit; true when it is to be refused. */
  const decide = (): boolean => {
    state.matched += 1;
    if (skip > 0) {
      skip -= 1;
      return false;
    }
    if (state.refused >= times) return false;
    state.refused += 1;
    return true;
  };

  const wrapConnection = (conn: PoolConnection): PoolConnection => {
    const target = conn as unknown as Record<string, Call>;
    const original = {
      query: target.query!.bind(conn),
      execute: target.execute!.bind(conn),
      beginTransaction: target.beginTransaction!.bind(conn),
      commit: target.commit!.bind(conn),
      rollback: target.rollback!.bind(conn),
    };
    let inTransaction = false;
    let touched = false;
    const statement =
      (call: Call): Call =>
      (...args) => {
        const text = describe(args);
        if (inTransaction) touched ||= matches(text);
        else if (matches(text) && decide()) return Promise.reject(driverError(rule.errno));
        return call(...args);
      };
    target.query = statement(original.query);
    target.execute = statement(original.execute);
    target.beginTransaction = async (...args) => {
      const result = await original.beginTransaction(...args);
      inTransaction = true;
      touched = false;
      return result;
    };
    target.rollback = (...args) => {
      inTransaction = false;
      return original.rollback(...args);
    };
    target.commit = async (...args) => {
      inTransaction = false;
      if (touched && decide()) {
        // Refused at COMMIT, as certification does: the statements ran, none of them is applied.
        await original.rollback();
        await rule.onRefuse?.();
        throw driverError(rule.errno);
      }
      return original.commit(...args);
    };
    return conn;
  };

  const target = pool as unknown as Record<string, Call>;
  const original = {
    getConnection: target.getConnection!,
    query: target.query!,
    execute: target.execute!,
  };
  target.getConnection = async (...args) =>
    wrapConnection((await original.getConnection.apply(pool, args)) as PoolConnection);
  const autocommit =
    (call: Call): Call =>
    (...args) =>
      matches(describe(args)) && decide()
        ? Promise.reject(driverError(rule.errno))
        : call.apply(pool, args);
  target.query = autocommit(original.query);
  target.execute = autocommit(original.execute);
  return {
    get refused() {
      return state.refused;
    },
    get matched() {
      return state.matched;
    },
    restore() {
      Object.assign(target, original);
    },
  };
}
