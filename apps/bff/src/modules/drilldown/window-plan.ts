import { pickResolution, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { tiledSpan, tileWindow, type WindowTile } from '../rollups/window-tiles.ts';

/** How every drill-down level (overview, segment, entity) reads a window, worked out once. */
export interface WindowPlan {
  /** The series resolution the window needs. */
  resolution: Resolution;
  /** Rollup tiles covering the window exactly, for its totals. */
  tiles: WindowTile[];
  /** Time of the tiled span elapsed by now: rates divide by it, as a window ending in the future has no traffic there yet. */
  elapsedMs: number;
  /** The window's end, or now if that is earlier: the instant health and silence are judged at. */
  windowEnd: number;
}

export function planWindow(window: TimeWindow, now: number): WindowPlan {
  const tiles = tileWindow(window.from, window.to);
  const span = tiledSpan(tiles) ?? { fromTs: window.from, toTs: window.to };
  return {
    resolution: pickResolution(window.from, window.to),
    tiles,
    elapsedMs: Math.max(0, Math.min(span.toTs, now) - span.fromTs),
    windowEnd: Math.min(window.to, now),
  };
}
