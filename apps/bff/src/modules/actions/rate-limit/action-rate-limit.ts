import type { Me } from '@watchfloor/shared/auth';
import { retryStatement } from '../../../db/retry-transaction.ts';
import type { Pool } from '../../../db/pool.ts';
import { AppError } from '../../../http/app-error.ts';
import { countActionRequest, msUntilWindowEnds, type RateKind } from './action-rate.repository.ts';

/** Requests per user and window (from the user's first request on): proposals (POST /actions) and decisions (approve, reject, cancel, rollback). */
export interface ActionRateLimits {
  windowMs: number;
  proposals: number;
  decisions: number;
}

export const DEFAULT_ACTION_RATE_LIMITS: ActionRateLimits = {
  windowMs: 60_000,
  proposals: 60,
  decisions: 120,
};

/**
 * Counts the request against the user's budget and refuses it with 429 + Retry-After when the
 * budget of the current window is spent, before the body is read: a refusal writes no audit
 * record and no policy evaluation, only bumps the counter. Counted in the database by its clock,
 * so every BFF process shares one budget per user (docs/reliability.md).
 */
export async function requireActionBudget(
  deps: { pool: Pool },
  limits: ActionRateLimits,
  user: Me,
  kind: RateKind,
): Promise<void> {
  // A refused counter bump (1213 on a cluster) applied nothing: counting again is exact.
  const count = await retryStatement(deps.pool, (pool) =>
    countActionRequest(pool, user.username, kind, limits.windowMs),
  );
  if (count <= limits[kind]) return;
  const waitMs = await msUntilWindowEnds(deps.pool, user.username, kind, limits.windowMs);
  throw new AppError(
    429,
    'rate_limited',
    `Too many ${kind === 'proposals' ? 'proposals' : 'decisions'}: at most ${limits[kind]} per ${Math.round(limits.windowMs / 1000)} s per user; try again later`,
    undefined,
    { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
  );
}
