import { QueryClient, QueryObserver, onlineManager } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVE_REFRESH_MS, refreshTiming } from './live-refresh.ts';
import { createStalenessStore } from './staleness-store.ts';
import { relative } from './time-window.ts';

/**
 * The store against a real query client and polling observer, with fake timers as the clock: the
 * way the header learns that a page stopped refreshing, whatever the reason.
 */
describe('staleness store', () => {
  let client: QueryClient;
  let answer: () => Promise<number>;
  let browserOnline: boolean;
  const events = new EventTarget();
  const stops: (() => void)[] = [];

  beforeEach(async () => {
    vi.useFakeTimers();
    browserOnline = true;
    onlineManager.setOnline(true);
    answer = async () => 1;
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.mount();
    const observer = new QueryObserver(client, {
      queryKey: ['overview'],
      queryFn: () => answer(),
      refetchInterval: LIVE_REFRESH_MS,
    });
    stops.push(
      observer.subscribe(() => undefined),
      () => client.unmount(),
    );
    await vi.advanceTimersByTimeAsync(0);
  });

  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
    onlineManager.setOnline(true);
    vi.useRealTimers();
  });

  function store() {
    const created = createStalenessStore(client, {
      now: () => Date.now(),
      isOnline: () => browserOnline,
      events,
      setInterval: (run, ms) => setInterval(run, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    });
    stops.push(created.subscribe(() => undefined));
    return created;
  }

  const goOffline = () => {
    browserOnline = false;
    onlineManager.setOnline(false);
    events.dispatchEvent(new Event('offline'));
  };
  const goOnline = () => {
    browserOnline = true;
    onlineManager.setOnline(true);
    events.dispatchEvent(new Event('online'));
  };

  it('is live while the poll succeeds', async () => {
    const staleness = store();
    await vi.advanceTimersByTimeAsync(3 * LIVE_REFRESH_MS);
    expect(staleness.getSnapshot()).toEqual({ state: 'live', updatedAt: Date.now() });
  });

  it('notices a hung server by the clock alone: no failure, no success, stale after two intervals', async () => {
    const staleness = store();
    const lastSuccess = Date.now();
    answer = () => new Promise<number>(() => undefined);
    await vi.advanceTimersByTimeAsync(2 * LIVE_REFRESH_MS);
    expect(staleness.getSnapshot().state).toBe('live');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(staleness.getSnapshot()).toEqual({
      state: 'stale',
      since: lastSuccess,
      reason: 'No successful refresh for over 30 s',
      retrying: true,
    });
  });

  it('goes stale on a failed poll and live again only after the next success', async () => {
    const staleness = store();
    const lastSuccess = Date.now();
    answer = async () => Promise.reject(new Error('The server could not be reached'));
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS);
    expect(staleness.getSnapshot()).toMatchObject({
      state: 'stale',
      since: lastSuccess,
      reason: 'The last refresh failed: The server could not be reached',
    });
    answer = async () => 2;
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS);
    expect(staleness.getSnapshot()).toEqual({ state: 'live', updatedAt: Date.now() });
  });

  it('is stale while offline, although react-query never fails a paused fetch, until a refresh succeeds after reconnecting', async () => {
    const staleness = store();
    const lastSuccess = Date.now();
    goOffline();
    expect(staleness.getSnapshot()).toMatchObject({
      state: 'stale',
      since: lastSuccess,
      reason: 'This browser is offline',
    });
    await vi.advanceTimersByTimeAsync(3 * LIVE_REFRESH_MS);
    expect(staleness.getSnapshot()).toMatchObject({
      state: 'stale',
      since: lastSuccess,
      reason: 'This browser is offline',
    });

    answer = () => new Promise<number>((resolve) => setTimeout(() => resolve(3), 500));
    goOnline();
    expect(staleness.getSnapshot()).toMatchObject({
      state: 'stale',
      reason: 'Back online; waiting for a successful refresh',
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(staleness.getSnapshot()).toEqual({ state: 'live', updatedAt: Date.now() });
  });

  it('judges a page by its live interval, not by the early catch-up an old answer brings', async () => {
    // A live view handed a shared answer 1.5 s old refreshes once, 1 s later; that refresh hangs.
    let segment: () => Promise<{ ageMs: number }> = async () => ({ ageMs: 1_500 });
    const observer = new QueryObserver(client, {
      queryKey: ['segment'],
      queryFn: () => segment(),
      ...refreshTiming(relative('1h'), (answer: { ageMs: number }) => answer.ageMs),
    });
    stops.push(observer.subscribe(() => undefined));
    await vi.advanceTimersByTimeAsync(0);
    const lastSuccess = Date.now();
    segment = () => new Promise(() => undefined);
    const staleness = store();

    await vi.advanceTimersByTimeAsync(5_000);
    expect(staleness.getSnapshot().state).toBe('live');
    await vi.advanceTimersByTimeAsync(2 * LIVE_REFRESH_MS - 5_000 + 1_000);
    expect(staleness.getSnapshot()).toMatchObject({
      state: 'stale',
      since: lastSuccess,
      reason: 'No successful refresh for over 30 s',
    });
  });
});
