import { MAX_WINDOW_MS } from '@watchfloor/shared/time-window';
import { absolute, relativeAgo, resolveWindow, type ViewWindow } from './time-window.ts';

/**
 * Moves of the window that keys and buttons share. Each returns the next window, or null when
 * the move would change nothing, so the caller never pushes a history entry that changes nothing.
 */

/**
 * Zoom out ×2 (`z`, the "Zoom out" button): twice as long around the same centre, never reaching
 * past now nor past the longest window. A live window stays live: the last 6 h become the last 12 h.
 */
export function zoomOutWindow(window: ViewWindow, now: number): ViewWindow | null {
  if (window.kind === 'relative') {
    const span = window.fromAgo - window.toAgo;
    const length = Math.min(2 * span, MAX_WINDOW_MS);
    if (length === span) return null;
    // Past "now" there is no data; keep the doubled length by moving the window back instead.
    const toAgo = Math.max(0, Math.round(window.toAgo - (length - span) / 2));
    return relativeAgo(toAgo + length, toAgo);
  }
  const span = window.to - window.from;
  const length = Math.min(2 * span, MAX_WINDOW_MS);
  if (length === span) return null;
  const centre = window.from + span / 2;
  const to = Math.min(Math.round(centre + length / 2), now);
  return absolute(to - length, to);
}

/**
 * `[` / `]`: the same length one step back or forward; forward stops at now, and a window ending
 * now does not move forward. A live window stepped back becomes the fixed window before it: the
 * operator is reading history then, and it must not slide away under them.
 */
export function shiftWindow(
  window: ViewWindow,
  direction: 'back' | 'forward',
  now: number,
): ViewWindow | null {
  if (window.kind === 'relative' && window.toAgo === 0 && direction === 'forward') return null;
  const { from, to } = resolveWindow(window, now);
  const length = to - from;
  if (direction === 'back') return absolute(from - length, to - length);
  const end = Math.min(to + length, now);
  return end <= to ? null : absolute(end - length, end);
}
