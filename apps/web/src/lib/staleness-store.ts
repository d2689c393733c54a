import type { Query, QueryCache, QueryClient } from '@tanstack/react-query';
import {
  judgeStaleness,
  sameStaleness,
  type Connectivity,
  type QueryFreshness,
  type Staleness,
} from './staleness.ts';

/** How often the verdict is re-judged against the clock, so "overdue" is noticed without any event. */
const TICK_MS = 1_000;

/** What the store needs from the browser; tests pass their own clock and event target. */
export interface StalenessEnvironment {
  now: () => number;
  isOnline: () => boolean;
  /** Where `online` and `offline` events arrive (the window). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  setInterval: (run: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export interface StalenessStore {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => Staleness;
}

type AnyQuery = Query<unknown, Error, unknown, readonly unknown[]>;

/**
 * The query's polling period. An interval computed per answer may name the period it keeps to
 * (`periodMs`, as the live catch-up does); that period, not one early refresh, sets when the
 * screen is overdue.
 */
function refreshMsOf(query: AnyQuery): number | null {
  const intervals = query.observers.map((observer) => {
    const option: unknown = observer.options.refetchInterval;
    const ms =
      typeof option === 'function'
        ? ((option as { periodMs?: unknown }).periodMs ??
          (option as (q: AnyQuery) => unknown)(query))
        : option;
    return typeof ms === 'number' && ms > 0 ? ms : null;
  });
  const polled = intervals.filter((ms): ms is number => ms !== null);
  return polled.length > 0 ? Math.min(...polled) : null;
}

function failureOf(query: AnyQuery): string | null {
  const { state } = query;
  // A failed attempt counts at once, while react-query still retries: the figures stopped moving.
  const error: unknown =
    state.fetchFailureCount > 0
      ? state.fetchFailureReason
      : state.status === 'error'
        ? state.error
        : null;
  if (error === null || error === undefined) return null;
  return error instanceof Error ? error.message : 'Unknown error';
}

/** The queries whose data is on screen now (in use by a mounted component), as plain facts. */
export function queriesOnScreen(cache: QueryCache): QueryFreshness[] {
  return cache
    .getAll()
    .filter(
      (query) =>
        query.isActive() && query.state.data !== undefined && query.state.dataUpdatedAt > 0,
    )
    .map((query) => ({
      updatedAt: query.state.dataUpdatedAt,
      refreshMs: refreshMsOf(query as AnyQuery),
      failure: failureOf(query as AnyQuery),
    }));
}

/**
 * One staleness verdict per query client, kept current from the query cache, the browser's
 * online/offline events and a clock tick. Listening starts with the first subscriber.
 */
export function createStalenessStore(
  client: QueryClient,
  env: StalenessEnvironment,
): StalenessStore {
  const cache = client.getQueryCache();
  const listeners = new Set<() => void>();
  const connectivity: Connectivity = {
    online: env.isOnline(),
    offlineSince: env.isOnline() ? null : env.now(),
  };
  let current: Staleness = judgeStaleness(queriesOnScreen(cache), connectivity, env.now());
  let stop: (() => void) | null = null;

  const judge = () => {
    const next = judgeStaleness(queriesOnScreen(cache), connectivity, env.now());
    if (sameStaleness(next, current)) return;
    current = next;
    for (const listener of listeners) listener();
  };
  const onOffline = () => {
    connectivity.online = false;
    connectivity.offlineSince ??= env.now();
    judge();
  };
  const onOnline = () => {
    connectivity.online = true;
    judge();
  };

  const start = () => {
    const unsubscribeCache = cache.subscribe((event) => {
      // Only data fetched after the browser came back ends an offline spell; a cached write does not.
      if (
        event.type === 'updated' &&
        event.action.type === 'success' &&
        !event.action.manual &&
        connectivity.online
      )
        connectivity.offlineSince = null;
      judge();
    });
    env.events.addEventListener('offline', onOffline);
    env.events.addEventListener('online', onOnline);
    const tick = env.setInterval(judge, TICK_MS);
    if (env.isOnline() !== connectivity.online) (env.isOnline() ? onOnline : onOffline)();
    return () => {
      unsubscribeCache();
      env.events.removeEventListener('offline', onOffline);
      env.events.removeEventListener('online', onOnline);
      env.clearInterval(tick);
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= start();
      judge();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stop) {
          stop();
          stop = null;
        }
      };
    },
    getSnapshot() {
      // Unsubscribed readers (a server render, a test) still get a verdict for this moment.
      if (listeners.size === 0) judge();
      return current;
    },
  };
}
