import { describe, expect, it } from 'vitest';
import { RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import { tileWindow } from './window-tiles.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const DAY0 = Date.UTC(2025, 0, 10);

/** Every minute the tiles cover, expanded, so coverage can be compared minute by minute. */
function coveredMinutes(from: number, to: number): number[] {
  return tileWindow(from, to).flatMap((tile) => {
    expect(tile.fromTs % RESOLUTIONS[tile.resolution]).toBe(0);
    expect(tile.toTs % RESOLUTIONS[tile.resolution]).toBe(0);
    const minutes: number[] = [];
    for (let ts = tile.fromTs; ts < tile.toTs; ts += MINUTE) minutes.push(ts);
    return minutes;
  });
}

describe('tileWindow', () => {
  it('covers every overlapping minute exactly once, using days and hours where they fit', () => {
    const from = DAY0 - 2 * HOUR - 17 * MINUTE - 4_000;
    const to = DAY0 + 3 * DAY + 5 * HOUR + 9 * MINUTE + 1;
    const minutes = coveredMinutes(from, to);
    expect(new Set(minutes).size).toBe(minutes.length);
    expect(minutes.sort((a, b) => a - b)[0]).toBe(DAY0 - 2 * HOUR - 18 * MINUTE);
    expect(minutes.at(-1)).toBe(DAY0 + 3 * DAY + 5 * HOUR + 9 * MINUTE);
    expect(minutes.length).toBe(((to + MINUTE - 1 - (from - (from % MINUTE))) / MINUTE) | 0);
    expect(tileWindow(from, to).map((t) => t.resolution)).toEqual(['1m', '1h', '1d', '1h', '1m']);
  });

  it('reads only minutes for a window shorter than an hour boundary pair', () => {
    expect(tileWindow(DAY0 + 10 * MINUTE, DAY0 + 50 * MINUTE)).toEqual([
      { resolution: '1m', fromTs: DAY0 + 10 * MINUTE, toTs: DAY0 + 50 * MINUTE },
    ]);
  });

  it('uses one hour tile when the window is whole hours inside a day', () => {
    expect(tileWindow(DAY0 + HOUR, DAY0 + 4 * HOUR)).toEqual([
      { resolution: '1h', fromTs: DAY0 + HOUR, toTs: DAY0 + 4 * HOUR },
    ]);
  });
});
