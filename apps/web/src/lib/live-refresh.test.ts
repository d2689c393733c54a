import { describe, expect, it } from 'vitest';
import { isSameScope, refreshTiming, LIVE_REFRESH_MS } from './live-refresh.ts';
import { absolute, relative } from './time-window.ts';

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
