import type { DrillLevel } from './paths.ts';

/**
 * Click-to-painted timing of the drill-down, as User Timing entries the benchmark reads:
 * `watchfloor:click` when a drill-down link is activated, `watchfloor:painted:<level>` when the
 * level's main chart (or table) has been drawn and the browser has painted that frame.
 */
export const CLICK_MARK = 'watchfloor:click';
/** Set once, when the page opened by the browser (not by a click) has drawn its main chart. */
export const FIRST_PAINT_MARK = 'watchfloor:first-page-painted';
export const measureName = (level: DrillLevel) => `watchfloor:click-to-painted:${level}`;

let pending: { level: DrillLevel; startTime: number } | null = null;

export function markDrillClick(level: DrillLevel): void {
  if (typeof performance === 'undefined') return;
  pending = { level, startTime: performance.mark(CLICK_MARK, { detail: { level } }).startTime };
}

let firstPagePainted = false;
let resolveFirstPaint: () => void = () => undefined;
const firstPaint = new Promise<void>((resolve) => (resolveFirstPaint = resolve));

/** Resolves once the page the browser opened has drawn its main chart (or table). */
export function whenFirstPagePainted(): Promise<void> {
  return firstPaint;
}

/** Called after a level's main panel has drawn; measures only if a click to that level is pending. */
export function markPainted(level: DrillLevel): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  if (!pending && !firstPagePainted) {
    firstPagePainted = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(FIRST_PAINT_MARK, { detail: { level } });
        resolveFirstPaint();
      }, 0),
    );
    return;
  }
  if (!pending || pending.level !== level) return;
  const { startTime } = pending;
  pending = null;
  // The frame after the one being drawn is the first one the operator can actually see.
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark(`watchfloor:painted:${level}`);
      performance.measure(measureName(level), { start: startTime, end: performance.now() });
    }, 0),
  );
}
