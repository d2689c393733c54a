import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATCH_UP_DELAY_MS, isSameScope, LIVE_REFRESH_MS, refreshTiming } from './live-refresh.ts';
import { absolute, relative } from './time-window.ts';
import { windowQueryOptions } from './window-query-options.ts';

afterEach(() => vi.useRealTimers());

describe('live refresh', () => {
  it('polls a window ending now, and only while the tab is visible', () => {
    expect(refreshTiming(relative('1h'))).toMatchObject({
      refetchInterval: LIVE_REFRESH_MS,
      refetchIntervalInBackground: false,
    });
    expect(refreshTiming(absolute(0, 1)).refetchInterval).toBe(false);
  });

  it('shows the previous window of the same scope as a placeholder, never another scope', () => {
    expect(isSameScope(['segment', 'a', { range: '1h' }], ['segment', 'a'])).toBe(true);
    expect(isSameScope(['segment', 'b', { range: '1h' }], ['segment', 'a'])).toBe(false);
    expect(isSameScope(undefined, ['segment', 'a'])).toBe(false);
  });
});

/** A live view whose server answers with these served ages, one per request, then fresh ones. */
function liveView(servedAges: number[]) {
  vi.useFakeTimers();
  let requests = 0;
  const client = new QueryClient();
  const observer = new QueryObserver(
    client,
    windowQueryOptions({
      scope: ['view'],
      window: relative('1h'),
      fetch: () => Promise.resolve({ meta: { ageMs: servedAges[requests++] ?? 0 } }),
    }),
  );
  const stop = observer.subscribe(() => undefined);
  return {
    /** How many requests the view has made once `ms` more have passed. */
    requestsAfter: async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return requests;
    },
    stop: () => {
      stop();
      client.clear();
    },
  };
}

describe('an answer shared from before the request', () => {
  it('is followed by one early refresh, so a change just made shows within a second or two', async () => {
    const view = liveView([1_500, 200]);
    expect(await view.requestsAfter(0)).toBe(1);
    expect(await view.requestsAfter(CATCH_UP_DELAY_MS)).toBe(2);
    // The fresh answer is refreshed on the live interval again.
    expect(await view.requestsAfter(LIVE_REFRESH_MS - 1)).toBe(2);
    expect(await view.requestsAfter(1)).toBe(3);
    view.stop();
  });

  it('never brings two early refreshes in a row, however old the answers keep coming', async () => {
    const view = liveView([1_500, 1_800, 1_900]);
    await view.requestsAfter(0);
    expect(await view.requestsAfter(CATCH_UP_DELAY_MS)).toBe(2);
    expect(await view.requestsAfter(LIVE_REFRESH_MS - 1)).toBe(2);
    expect(await view.requestsAfter(1)).toBe(3);
    // An old answer after a whole interval earns its one early refresh again.
    expect(await view.requestsAfter(CATCH_UP_DELAY_MS)).toBe(4);
    view.stop();
  });

  it('leaves a fresh answer on the live interval', async () => {
    const view = liveView([0, 999]);
    await view.requestsAfter(0);
    expect(await view.requestsAfter(LIVE_REFRESH_MS - 1)).toBe(1);
    expect(await view.requestsAfter(1)).toBe(2);
    expect(await view.requestsAfter(CATCH_UP_DELAY_MS)).toBe(2);
    view.stop();
  });
});
