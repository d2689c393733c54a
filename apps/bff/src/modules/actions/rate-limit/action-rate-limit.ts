import type { Me } from '@watchfloor/shared/auth';
import { retryStatement } from '../../../db/retry-transaction.ts';
import type { Pool } from '../../../db/pool.ts';
import { AppError } from '../../../http/app-error.ts';
import {
  deleteActionRequest,
  pruneActionRequests,
  recordActionRequest,
  requestsAhead,
  type RateKind,
} from './action-rate.repository.ts';

/** Requests per user in any window of windowMs: proposals (POST /actions) and decisions (approve, reject, cancel, rollback). */
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
 * user already made the budget's worth in the last window, before the body is read: a refusal
 * writes no audit record and no policy evaluation, and is not counted itself. The window slides:
 * "60 per minute" holds for any minute. Counted in the database by its clock, so every BFF process
 * shares one budget per user (docs/reliability.md).
 */
export async function requireActionBudget(
  deps: { pool: Pool },
  limits: ActionRateLimits,
  user: Me,
  kind: RateKind,
): Promise<void> {
  const { pool } = deps;
  // A refused insert (1213 on a cluster) applied nothing: recording again is exact.
  const id = await retryStatement(pool, (p) => recordActionRequest(p, user.username, kind));
  const ahead = await requestsAhead(pool, user.username, kind, id, limits.windowMs);
  if (ahead.count <= limits[kind]) {
    await retryStatement(pool, (p) => pruneActionRequests(p, user.username, kind, limits.windowMs));
    return;
  }
  await retryStatement(pool, (p) => deleteActionRequest(p, id));
  throw new AppError(
    429,
    'rate_limited',
    `Too many ${kind === 'proposals' ? 'proposals' : 'decisions'}: at most ${limits[kind]} in any ${Math.round(limits.windowMs / 1000)} s per user; try again later`,
    undefined,
    { 'Retry-After': String(Math.max(1, Math.ceil(ahead.msUntilOldestLeaves / 1000))) },
  );
}
