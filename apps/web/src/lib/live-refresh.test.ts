import { describe, expect, it } from 'vitest';
import { freshnessOf, isSameScope, refreshTiming, LIVE_REFRESH_MS, type QueryLike } from './live-refresh.ts';
import { absolute, relative } from './time-window.ts';

describe('live refresh', () => {
  it('polls a window ending now, and only while the tab is visible', () => {
    expect(refreshTiming(relative('1h'))).toMatchObject({ refetchInterval: LIVE_REFRESH_MS, refetchIntervalInBackground: false });
    expect(refreshTiming(absolute(0, 1)).refetchInterval).toBe(false);
  });

  it('shows the previous window of the same scope as a placeholder, never another scope', () => {
    expect(isSameScope(['segment', 'a', { range: '1h' }], ['segment', 'a'])).toBe(true);
    expect(isSameScope(['segment', 'b', { range: '1h' }], ['segment', 'a'])).toBe(false);
    expect(isSameScope(undefined, ['segment', 'a'])).toBe(false);
  });
});

const base: QueryLike = { data: { x: 1 }, dataUpdatedAt: 1_000, isError: false, failureCount: 0, failureReason: null, error: null };

describe('freshnessOf', () => {
  it('is current while the last refresh succeeded', () => {
    expect(freshnessOf(base)).toEqual({ stale: false, updatedAt: 1_000, reason: null });
  });

  it('is stale since the last success as soon as one refresh fails, while retries go on', () => {
    expect(freshnessOf({ ...base, failureCount: 1, failureReason: new Error('The server could not be reached') })).toEqual({ stale: true, updatedAt: 1_000, reason: 'The server could not be reached' });
    expect(freshnessOf({ ...base, isError: true, failureCount: 3, error: new Error('503') })).toMatchObject({ stale: true, reason: '503' });
  });

  it('is not stale when there is nothing on screen to mistake for current', () => {
    expect(freshnessOf({ ...base, data: undefined, dataUpdatedAt: 0, isError: true, error: new Error('down') })).toEqual({ stale: false, updatedAt: null, reason: 'down' });
  });
});
