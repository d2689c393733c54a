import { isLive, type ViewWindow } from './time-window.ts';

/** How often a window ending now is refreshed. Polling pauses while the tab is hidden; two intervals without success make the screen stale (staleness.ts). */
export const LIVE_REFRESH_MS = 15_000;

/**
 * An answer served at least this old was shared from before the request (the BFF shares an answer
 * for up to 2 s); it may predate a change the reader has just heard of.
 */
export const CATCH_UP_AGE_MS = 1_000;
/** After such an answer the next refresh comes this soon, once, instead of a whole interval later. */
export const CATCH_UP_DELAY_MS = 1_000;

/** The part of a query the live interval reads: its answer and how many answers it has had. */
interface RefreshedQuery<TData> {
  state: { data: TData | undefined; dataUpdateCount: number };
}

/**
 * Query timing for a window: a live one polls and goes stale quickly; a fixed window in the past
 * cannot change much (late data aside), so it is kept for a few minutes. `servedAgeOf` reads how
 * old an answer was when the server sent it (`meta.ageMs`); a live answer that old is followed by
 * one early refresh.
 */
export function refreshTiming<TData>(
  window: ViewWindow,
  servedAgeOf?: (data: TData) => number | undefined,
) {
  return isLive(window)
    ? {
        refetchInterval: servedAgeOf ? catchUpInterval(servedAgeOf) : LIVE_REFRESH_MS,
        refetchIntervalInBackground: false,
        staleTime: LIVE_REFRESH_MS / 2,
      }
    : { refetchInterval: false as const, staleTime: 5 * 60_000 };
}

/**
 * The live interval, shortened once after an old answer. Never twice in a row: a server slow
 * enough to hand out old answers every time gets at most one extra request per interval from each
 * reader, not a request a second. `periodMs` is the interval the screen's staleness is judged by:
 * an early catch-up is an extra refresh, so it waiting on a slow server is no sign of staleness.
 */
function catchUpInterval<TData>(servedAgeOf: (data: TData) => number | undefined) {
  const caughtUpAfter = new WeakMap<object, number>();
  const interval = (query: RefreshedQuery<TData>): number => {
    const { data, dataUpdateCount } = query.state;
    const age = data === undefined ? undefined : servedAgeOf(data);
    if (age === undefined || age < CATCH_UP_AGE_MS) return LIVE_REFRESH_MS;
    // The answer a catch-up brought is not followed by another one.
    if (caughtUpAfter.get(query) === dataUpdateCount - 1) return LIVE_REFRESH_MS;
    caughtUpAfter.set(query, dataUpdateCount);
    return CATCH_UP_DELAY_MS;
  };
  return Object.assign(interval, { periodMs: LIVE_REFRESH_MS });
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
