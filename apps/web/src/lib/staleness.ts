/**
 * Whether what is on screen is current, judged from plain facts and an injected clock, so the
 * rules can be tested without React, a query cache or real time. One judgement serves the header,
 * the pages' quality banners and every chart: they can never disagree.
 */

/** A refresh is overdue after this many of the query's own refresh intervals without success. */
export const STALE_AFTER_INTERVALS = 2;

/** One query whose data is on screen, as far as staleness cares. */
export interface QueryFreshness {
  /** When its data was last received (epoch ms). */
  updatedAt: number;
  /** Its polling interval in ms; null when it is not refreshed on a timer (a fixed window). */
  refreshMs: number | null;
  /** Why its latest refresh attempt failed, or null when it did not fail. */
  failure: string | null;
}

export interface Connectivity {
  /** What the browser says now (navigator.onLine and its online/offline events). */
  online: boolean;
  /**
   * When the browser last went offline; kept after it comes back until a refresh succeeds, so
   * "Live" returns only with new data, not with the network.
   */
  offlineSince: number | null;
}

export type Staleness =
  /** Nothing on screen yet that could pass for current. */
  | { state: 'waiting' }
  /** Polled data, refreshed in time; updatedAt is the oldest polled answer on screen. */
  | { state: 'live'; updatedAt: number }
  /** Data that is not polled (a fixed window, a list loaded once), last refresh fine; updatedAt is the newest load. */
  | { state: 'fixed'; updatedAt: number }
  /** Data on screen that should have been refreshed and was not. */
  | { state: 'stale'; since: number; reason: string; retrying: boolean };

const oldest = (queries: readonly QueryFreshness[]) => Math.min(...queries.map((q) => q.updatedAt));

/** The one rule of staleness: offline, a failed refresh, or no success for two refresh intervals. */
export function judgeStaleness(
  queries: readonly QueryFreshness[],
  connectivity: Connectivity,
  now: number,
): Staleness {
  if (queries.length === 0) return { state: 'waiting' };
  const polled = queries.filter((q) => q.refreshMs !== null);
  // Polling resumes by itself (and react-query refetches on reconnect); otherwise only a click or a focus retries.
  const retrying = polled.length > 0 || !connectivity.online;
  const stale = (offenders: readonly QueryFreshness[], reason: string): Staleness => ({
    state: 'stale',
    since: oldest(offenders),
    reason,
    retrying,
  });

  // Offline, react-query pauses its fetches instead of failing them: no failure would ever arrive.
  if (!connectivity.online)
    return stale(polled.length > 0 ? polled : queries, 'This browser is offline');
  if (connectivity.offlineSince !== null)
    return stale(
      polled.length > 0 ? polled : queries,
      'Back online; waiting for a successful refresh',
    );

  const failing = queries.filter((q) => q.failure !== null);
  if (failing.length > 0) return stale(failing, `The last refresh failed: ${failing[0]!.failure}`);

  const overdue = polled.filter((q) => now - q.updatedAt > STALE_AFTER_INTERVALS * q.refreshMs!);
  if (overdue.length > 0) {
    const limit = Math.min(...overdue.map((q) => STALE_AFTER_INTERVALS * q.refreshMs!));
    return stale(overdue, `No successful refresh for over ${Math.round(limit / 1000)} s`);
  }
  // Unpolled answers (the signed-in user, a fixed window) were each loaded once: the newest load is the page's.
  return polled.length > 0
    ? { state: 'live', updatedAt: oldest(polled) }
    : { state: 'fixed', updatedAt: Math.max(...queries.map((q) => q.updatedAt)) };
}

/** Equal judgements keep one identity, so subscribers re-render only when the verdict changes. */
export function sameStaleness(a: Staleness, b: Staleness): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'stale' && b.state === 'stale')
    return a.since === b.since && a.reason === b.reason && a.retrying === b.retrying;
  if ((a.state === 'live' || a.state === 'fixed') && (b.state === 'live' || b.state === 'fixed'))
    return a.updatedAt === b.updatedAt;
  return true;
}

/**
 * When a page's own answer stopped being current, for its quality banner: the page's receipt
 * time while the screen is stale, else null.
 */
export function staleSinceOf(staleness: Staleness, dataUpdatedAt: number): number | null {
  return staleness.state === 'stale' && dataUpdatedAt > 0 ? dataUpdatedAt : null;
}
