import { MAX_WINDOW_MS } from '@watchfloor/shared/time-window';
import { absolute, rangeMs, type ViewWindow } from '../../lib/time-window.ts';

/**
 * The keyboard's window moves. Each returns the next window, or null when the key should do
 * nothing, so the caller never pushes a history entry that changes nothing.
 */

/** `z`: twice as long around the same centre, never reaching past now nor past the longest window. */
export function zoomOutWindow(window: ViewWindow, now: number): ViewWindow | null {
  if (window.kind === 'relative') {
    // A live window ending now doubles backwards; no preset is twice another, so it becomes fixed.
    const length = Math.min(2 * rangeMs(window.range), MAX_WINDOW_MS);
    return absolute(now - length, now);
  }
  const span = window.to - window.from;
  const length = Math.min(2 * span, MAX_WINDOW_MS);
  if (length === span) return null;
  const centre = window.from + span / 2;
  // Past "now" there is no data; keep the doubled length by moving the window back instead.
  const to = Math.min(Math.round(centre + length / 2), now);
  return absolute(to - length, to);
}

/** `[` / `]`: the same length one step back or forward; forward stops at now, live stays live. */
export function shiftWindow(
  window: ViewWindow,
  direction: 'back' | 'forward',
  now: number,
): ViewWindow | null {
  if (window.kind === 'relative') {
    if (direction === 'forward') return null;
    const length = rangeMs(window.range);
    return absolute(now - 2 * length, now - length);
  }
  const length = window.to - window.from;
  if (direction === 'back') return absolute(window.from - length, window.to - length);
  const to = Math.min(window.to + length, now);
  return to <= window.to ? null : absolute(to - length, to);
}
