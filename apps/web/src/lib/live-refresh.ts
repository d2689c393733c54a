import { isLive, type ViewWindow } from './time-window.ts';

/** How often a window ending now is refreshed. Polling pauses while the tab is hidden. */
export const LIVE_REFRESH_MS = 15_000;

/**
 * Query timing for a window: a live one polls and goes stale quickly; a fixed window in the past
 * cannot change much (late data aside), so it is kept for a few minutes.
 */
export function refreshTiming(window: ViewWindow) {
  return isLive(window)
    ? { refetchInterval: LIVE_REFRESH_MS, refetchIntervalInBackground: false, staleTime: LIVE_REFRESH_MS / 2 }
    : { refetchInterval: false as const, staleTime: 5 * 60_000 };
}

/**
 * Whether a previous answer may stay on screen while a new window loads: only one of the same
 * scope (same segment, same entity), so another segment's figures never stand in for this one's.
 */
export function isSameScope(previousKey: readonly unknown[] | undefined, scope: readonly unknown[]): boolean {
  return previousKey !== undefined && scope.every((part, i) => previousKey[i] === part);
}

/** The parts of a react-query result that say whether what is on screen is current. */
export interface QueryLike {
  data: unknown;
  dataUpdatedAt: number;
  isError: boolean;
  failureCount: number;
  failureReason: unknown;
  error: unknown;
  isPlaceholderData?: boolean;
}

export interface Freshness {
  /** Data is shown but the latest attempt to refresh it failed: it must not pass for current. */
  stale: boolean;
  /** When the figures on screen were received; null before the first answer. */
  updatedAt: number | null;
  /** Why the last attempt failed, for the notice. */
  reason: string | null;
}

/**
 * Stale from the first failed attempt, not only after every retry has failed: the operator
 * should learn at once that the figures stopped moving.
 */
export function freshnessOf(query: QueryLike): Freshness {
  const hasData = query.data !== undefined;
  const failure = query.isError ? query.error : query.failureCount > 0 ? query.failureReason : null;
  const reason = failure instanceof Error ? failure.message : failure ? 'Unknown error' : null;
  return { stale: hasData && reason !== null, updatedAt: hasData && query.dataUpdatedAt > 0 ? query.dataUpdatedAt : null, reason };
}
