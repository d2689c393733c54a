import { RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';

/** A run of buckets of one resolution: bucket starts in [fromTs, toTs). */
export interface WindowTile {
  resolution: Resolution;
  fromTs: number;
  toTs: number;
}

const floorTo = (ts: number, size: number) => Math.floor(ts / size) * size;
const ceilTo = (ts: number, size: number) => Math.ceil(ts / size) * size;

/**
 * Covers a window exactly with the coarsest rollup buckets that fit: whole days in the middle,
 * whole hours around them, minutes at the edges. Totals for a 30-day window then read about
 * 30 + 46 + 118 rows per scope instead of 43 200 minutes, and never count a coarse bucket that
 * sticks out of the window.
 *
 * The window is widened to whole minutes: every minute bucket that overlaps [from, to) counts,
 * which is the finest truth the rollups hold and matches the first bucket a chart shows.
 */
export function tileWindow(from: number, to: number): WindowTile[] {
  const minute = RESOLUTIONS['1m'];
  const hour = RESOLUTIONS['1h'];
  const day = RESOLUTIONS['1d'];
  const start = floorTo(from, minute);
  const end = ceilTo(to, minute);
  const tiles: WindowTile[] = [];
  const push = (resolution: Resolution, fromTs: number, toTs: number) => {
    if (toTs > fromTs) tiles.push({ resolution, fromTs, toTs });
  };

  const hoursFrom = ceilTo(start, hour);
  const hoursTo = floorTo(end, hour);
  if (hoursTo <= hoursFrom) {
    push('1m', start, end);
    return tiles;
  }
  push('1m', start, hoursFrom);
  const daysFrom = ceilTo(hoursFrom, day);
  const daysTo = floorTo(hoursTo, day);
  if (daysTo <= daysFrom) {
    push('1h', hoursFrom, hoursTo);
  } else {
    push('1h', hoursFrom, daysFrom);
    push('1d', daysFrom, daysTo);
    push('1h', daysTo, hoursTo);
  }
  push('1m', hoursTo, end);
  return tiles;
}

/** The span the tiles cover, in milliseconds. */
export function tiledSpan(tiles: readonly WindowTile[]): { fromTs: number; toTs: number } | null {
  if (tiles.length === 0) return null;
  return {
    fromTs: Math.min(...tiles.map((t) => t.fromTs)),
    toTs: Math.max(...tiles.map((t) => t.toTs)),
  };
}
