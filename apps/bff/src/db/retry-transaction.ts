import type { Pool } from 'mysql2/promise';
import { createLogger, type Logger } from '../logger.ts';

/**
 * On MariaDB Galera a transaction can be refused at COMMIT: two nodes each ran the same conditional
 * UPDATE with 1 affected row, and certification lets only one of them commit (errno 1213, the
 * same error InnoDB gives a deadlock victim). Commit success is the only proof of having won, and
 * the loser applied nothing, so the unit of work — the whole transaction, or a single autocommit
 * statement — is run again from the start, re-reading what it decides on. A node cut off from the
 * primary component answers 1047 to every statement until the cluster (or the load balancer) moves
 * on, which takes seconds: that is retried while a deadline allows, then becomes 503.
 */

/** errno 1213: deadlock victim on one server, certification conflict on Galera; nothing was applied. */
export function isCertificationConflict(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null | undefined;
  return e?.errno === 1213 || e?.code === 'ER_LOCK_DEADLOCK';
}

/** errno 1047: a Galera node outside the primary component ("WSREP has not yet prepared node"). */
export function isClusterUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null | undefined;
  return e?.errno === 1047 || e?.code === 'ER_UNKNOWN_COM_ERROR';
}

export interface RetryPolicy {
  /** Tries in all (first run included) for a certification conflict. */
  conflictAttempts: number;
  /** Tries in all on a non-primary node; the deadline usually ends them first. */
  unavailableAttempts: number;
  /** No retry starts once this much time has passed since the first try (both kinds). */
  deadlineMs: number;
  /** Backoff before the n-th retry of a conflict: random in [0, conflictDelayMs · 2^(n-1)]. */
  conflictDelayMs: number;
  /** Backoff before the n-th retry on a non-primary node: about unavailableDelayMs · 2^(n-1), capped. */
  unavailableDelayMs: number;
  maxDelayMs: number;
  logger?: Logger;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  conflictAttempts: 5,
  unavailableAttempts: 20,
  deadlineMs: 5_000,
  conflictDelayMs: 5,
  unavailableDelayMs: 100,
  maxDelayMs: 1_000,
};

// Per pool (or any object a caller retries against), so tests and servers can tune it.
const policies = new WeakMap<object, RetryPolicy>();
let fallbackLogger: Logger | undefined;

/** Sets how `retryTransaction` retries work on `pool` (defaults: DEFAULT_RETRY_POLICY). */
export function configureRetries(pool: object, policy: Partial<RetryPolicy>): void {
  policies.set(pool, { ...(policies.get(pool) ?? DEFAULT_RETRY_POLICY), ...policy });
}

const loggerOf = (policy: RetryPolicy) =>
  policy.logger ?? (fallbackLogger ??= createLogger('warn'));

/** How long to wait after try number `attempt` (1-based) failed with `error`; null: do not retry. */
function delayBefore(error: unknown, attempt: number, policy: RetryPolicy): number | null {
  const growth = 2 ** Math.min(attempt - 1, 10);
  if (isCertificationConflict(error)) {
    if (attempt >= policy.conflictAttempts) return null;
    // Full jitter: two losers of the same race should not collide again on the same beat.
    return Math.min(policy.maxDelayMs, Math.random() * policy.conflictDelayMs * growth);
  }
  if (isClusterUnavailable(error)) {
    if (attempt >= policy.unavailableAttempts) return null;
    return Math.min(policy.maxDelayMs, policy.unavailableDelayMs * growth * (0.5 + Math.random()));
  }
  return null;
}

/**
 * Runs `work` — one whole transaction (see withTransaction) or one autocommit statement — and runs
 * it again from the start on a certification conflict or a non-primary node, bounded by attempts
 * and by a deadline, with jittered backoff; each retry is logged at warn. Never retry a statement
 * inside a transaction: after 1213 the transaction is gone. Whatever `work` does besides the
 * database must be safe to repeat (in-memory effects belong in onCommit hooks).
 */
export async function retryTransaction<T>(pool: object, work: () => Promise<T>): Promise<T> {
  const policy = policies.get(pool) ?? DEFAULT_RETRY_POLICY;
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const delay = delayBefore(error, attempt, policy);
      if (delay === null || Date.now() - startedAt + delay > policy.deadlineMs) throw error;
      const { errno, code } = error as { errno?: number; code?: string };
      loggerOf(policy).warn(
        { errno, code, attempt, delayMs: Math.round(delay) },
        'database refused the transaction; running it again',
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * A write that is one autocommit statement (its own transaction), retried like a transaction: on
 * Galera the statement's implicit commit is certified too, and a loser gets 1213 with nothing
 * applied. Takes the pool, never a connection, so it cannot end up retrying one statement inside
 * a larger transaction. Costs no round trip when the statement succeeds.
 */
export function retryStatement<T>(pool: Pool, statement: (pool: Pool) => Promise<T>): Promise<T> {
  return retryTransaction(pool, () => statement(pool));
}
