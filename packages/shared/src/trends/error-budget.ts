import type { Counts } from './burn-rate.ts';

export interface ErrorBudget {
  /** Failed requests the SLO allows over the period: (1 − SLO) × requests. */
  allowed: number;
  spent: number;
  /** allowed − spent; negative once the budget is overspent. */
  remaining: number;
  /** remaining ÷ allowed; null when nothing was allowed (no traffic). */
  remainingShare: number | null;
}

/**
 * The error budget of a request-based SLO over a period. It is sized by the period's own
 * traffic, so a busy period may fail more requests than a quiet one and still meet its SLO.
 */
export function errorBudget(counts: Counts, sloAvailability: number): ErrorBudget {
  const allowed = (1 - sloAvailability) * counts.requests;
  const remaining = allowed - counts.errors;
  return {
    allowed,
    spent: counts.errors,
    remaining,
    remainingShare: allowed > 0 ? remaining / allowed : null,
  };
}

export interface BurnDownPoint {
  /** End of the bucket the remaining share is measured at. */
  ts: number;
  remainingShare: number | null;
}

/**
 * Budget left after each bucket, as a share of the whole period's budget: 1 at the start, the
 * period's remaining share at the end. Buckets must be in time order and cover the period.
 */
export function burnDown(
  buckets: readonly (Counts & { ts: number; endTs: number })[],
  sloAvailability: number,
): BurnDownPoint[] {
  const total = buckets.reduce((sum, b) => sum + b.requests, 0);
  const allowed = (1 - sloAvailability) * total;
  let spent = 0;
  return buckets.map((bucket) => {
    spent += bucket.errors;
    return { ts: bucket.endTs, remainingShare: allowed > 0 ? (allowed - spent) / allowed : null };
  });
}
