import { MAX_WINDOW_MS } from '@watchfloor/shared/time-window';
import { describe, expect, it } from 'vitest';
import { absolute, relative, relativeAgo } from './time-window.ts';
import { shiftWindow, zoomOutWindow } from './window-moves.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

describe('zoomOutWindow (z)', () => {
  it('doubles a fixed window around its centre', () => {
    expect(zoomOutWindow(absolute(NOW - 10 * HOUR, NOW - 8 * HOUR), NOW)).toEqual(
      absolute(NOW - 11 * HOUR, NOW - 7 * HOUR),
    );
  });

  it('keeps the doubled length but stops at now, moving back instead of into the future', () => {
    expect(zoomOutWindow(absolute(NOW - 2 * HOUR, NOW - HOUR / 2), NOW)).toEqual(
      absolute(NOW - 3 * HOUR, NOW),
    );
  });

  it('doubles a live window backwards from now, and it stays live', () => {
    expect(zoomOutWindow(relative('6h'), NOW)).toEqual(relativeAgo(12 * HOUR));
  });

  it('doubles a relative window ending before now around its centre, stopping at now', () => {
    // now-4h … now-2h → now-5h … now-1h
    expect(zoomOutWindow(relativeAgo(4 * HOUR, 2 * HOUR), NOW)).toEqual(
      relativeAgo(5 * HOUR, HOUR),
    );
    // now-40m … now-10m → now-1h … now, not now-55m … now+5m
    const M = HOUR / 60;
    expect(zoomOutWindow(relativeAgo(40 * M, 10 * M), NOW)).toEqual(relativeAgo(HOUR));
  });

  it('never grows past the longest window the API serves', () => {
    const widest = absolute(NOW - MAX_WINDOW_MS, NOW);
    expect(zoomOutWindow(widest, NOW)).toBeNull();
    expect(zoomOutWindow(relativeAgo(MAX_WINDOW_MS), NOW)).toBeNull();
    const wide = zoomOutWindow(absolute(NOW - 300 * 24 * HOUR, NOW), NOW);
    expect(wide).toEqual(absolute(NOW - MAX_WINDOW_MS, NOW));
  });
});

describe('shiftWindow ([ and ])', () => {
  it('moves a fixed window back and forward by its own length', () => {
    const window = absolute(NOW - 10 * HOUR, NOW - 8 * HOUR);
    expect(shiftWindow(window, 'back', NOW)).toEqual(absolute(NOW - 12 * HOUR, NOW - 10 * HOUR));
    expect(shiftWindow(window, 'forward', NOW)).toEqual(absolute(NOW - 8 * HOUR, NOW - 6 * HOUR));
  });

  it('moves a live window back into the fixed window just before it', () => {
    expect(shiftWindow(relative('1h'), 'back', NOW)).toEqual(absolute(NOW - 2 * HOUR, NOW - HOUR));
  });

  it('never moves forward past now, and a live window or one ending now does not move', () => {
    expect(shiftWindow(absolute(NOW - 3 * HOUR, NOW - HOUR), 'forward', NOW)).toEqual(
      absolute(NOW - 2 * HOUR, NOW),
    );
    expect(shiftWindow(absolute(NOW - 2 * HOUR, NOW), 'forward', NOW)).toBeNull();
    expect(shiftWindow(relative('6h'), 'forward', NOW)).toBeNull();
    expect(shiftWindow(relativeAgo(3 * HOUR, HOUR), 'forward', NOW)).toEqual(
      absolute(NOW - 2 * HOUR, NOW),
    );
  });
});
