import { describe, expect, it } from 'vitest';
import {
  absolute,
  describeWindow,
  encodeNav,
  relative,
  relativeAgo,
  resolveWindow,
  sameWindow,
  windowKey,
  windowParams,
  windowRequest,
} from './time-window.ts';

const M = 60_000;
const H = 60 * M;
const NOW = Date.UTC(2026, 11, 6, 13, 5);

describe('view windows', () => {
  it('write a preset as its range, any other relative window as now-…, a fixed one as ISO', () => {
    expect(windowParams(relative('6h'))).toEqual({ range: '6h' });
    expect(windowParams(relativeAgo(3 * H))).toEqual({ from: 'now-3h', to: 'now' });
    expect(windowParams(relativeAgo(H, 30 * M))).toEqual({ from: 'now-1h', to: 'now-30m' });
    expect(windowParams(absolute(NOW - H, NOW))).toEqual({
      from: '2026-12-06T12:05:00Z',
      to: '2026-12-06T13:05:00Z',
    });
    expect(encodeNav(relativeAgo(H, 30 * M))).toBe('now-1h~now-30m');
  });

  it('slide a relative window with now; only one ending now leaves "now" to the server', () => {
    expect(resolveWindow(relativeAgo(H, 30 * M), NOW)).toEqual({ from: NOW - H, to: NOW - 30 * M });
    expect(windowRequest(relativeAgo(3 * H), NOW)).toEqual({ from: NOW - 3 * H });
    expect(windowRequest(relativeAgo(H, 30 * M), NOW)).toEqual({ from: NOW - H, to: NOW - 30 * M });
    // One query key while it slides.
    expect(windowKey(relativeAgo(H, 30 * M))).toEqual({ range: 'now-1h~now-30m' });
  });

  it('describe themselves in words', () => {
    expect(describeWindow(relative('24h'))).toBe('Last 24 h');
    expect(describeWindow(relativeAgo(3 * H))).toBe('Last 3 h');
    expect(describeWindow(relativeAgo(H, 30 * M))).toBe('1 h ago – 30 m ago');
  });

  it('compare by meaning', () => {
    expect(sameWindow(relative('6h'), relativeAgo(6 * H))).toBe(true);
    expect(sameWindow(relativeAgo(6 * H), absolute(NOW - 6 * H, NOW))).toBe(false);
  });
});
