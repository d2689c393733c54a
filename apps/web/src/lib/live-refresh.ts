import { isLive, type ViewWindow } from './time-window.ts';

/** How often a window ending now is refreshed. Polling pauses while the tab is hidden; two intervals without success make the screen stale (staleness.ts). */
export const LIVE_REFRESH_MS = 15_000;

/**
 * Query timing for a window: a live one polls and goes stale quickly; a fixed window in the past
 * cannot change much (late data aside), so it is kept for a few minutes.
 */
export function refreshTiming(window: ViewWindow) {
  return isLive(window)
    ? {
        refetchInterval: LIVE_REFRESH_MS,
        refetchIntervalInBackground: false,
        staleTime: LIVE_REFRESH_MS / 2,
      }
    : { refetchInterval: false as const, staleTime: 5 * 60_000 };
}

/**
 * Whether a previous answer may stay on screen while a new window loads: only one of the same
 * scope (same segment, same entity), so another segment's figures never stand in for this one's.
 */
export function isSameScope(
  previousKey: readonly unknown[] | undefined,
  scope: readonly unknown[],
): boolean {
  return previousKey !== undefined && scope.every((part, i) => previousKey[i] === part);
}
