import type { Queryable } from '../../db/pool.ts';
import { tileWindow } from '../drilldown/window-tiles.ts';
import { minutesWithDataByDay } from './trends.repository.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const TTL_MS = HOUR;
const MAX_CELLS = 2_000;

interface Cell {
  at: number;
  minutes: Map<number, number>;
}

/**
 * Minutes with data per segment, counted from the hour rows' minute strips. Counting a strip's
 * minutes scans its text, about 100 ms for 180 days of 8 segments, so whole UTC days that end
 * before the quality watermark are counted once per process and kept an hour, like judged
 * latency cells; only the open edges of a window (today, partial days) are read on every
 * computation. A repaired old hour shows up when its day expires.
 */
export class CoverageCellCache {
  private readonly cells = new Map<string, Cell>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Minutes with data per segment over [fromTs, toTs) (whole minutes). */
  async minutes(conn: Queryable, segmentIds: number[], fromTs: number, toTs: number, watermark: number | null): Promise<Map<number, number>> {
    const totals = new Map<number, number>();
    const add = (minutes: Map<number, number>) => {
      for (const [id, n] of minutes) totals.set(id, (totals.get(id) ?? 0) + n);
    };
    const signature = [...segmentIds].sort((a, b) => a - b).join(',');
    const now = this.now();
    const missing: { fromTs: number; toTs: number; cacheAs: string | null }[] = [];
    for (let day = Math.floor(fromTs / DAY) * DAY; day < toTs; day += DAY) {
      const start = Math.max(day, fromTs);
      const end = Math.min(day + DAY, toTs);
      const final = start === day && end === day + DAY && watermark !== null && end <= watermark;
      const key = final ? `${day}:${signature}` : null;
      const hit = key ? this.cells.get(key) : undefined;
      if (hit && now - hit.at < TTL_MS) add(hit.minutes);
      else missing.push({ fromTs: start, toTs: end, cacheAs: key });
    }
    if (missing.length === 0) return totals;
    // Touching ranges are tiled as one run: a cold 90 days is a handful of tiles, not 90.
    const runs: { fromTs: number; toTs: number }[] = [];
    for (const range of missing) {
      const last = runs[runs.length - 1];
      if (last && last.toTs === range.fromTs) last.toTs = range.toTs;
      else runs.push({ fromTs: range.fromTs, toTs: range.toTs });
    }
    const tiles = runs.flatMap((run) => tileWindow(run.fromTs, run.toTs));
    const byDay = new Map<number, Map<number, number>>();
    for (const row of await minutesWithDataByDay(conn, segmentIds, tiles)) {
      let minutes = byDay.get(row.dayTs);
      if (!minutes) byDay.set(row.dayTs, (minutes = new Map()));
      minutes.set(row.segmentId, (minutes.get(row.segmentId) ?? 0) + row.minutes);
    }
    for (const range of missing) {
      const minutes = byDay.get(Math.floor(range.fromTs / DAY) * DAY) ?? new Map<number, number>();
      add(minutes);
      if (range.cacheAs) this.store(range.cacheAs, minutes, now);
    }
    return totals;
  }

  private store(key: string, minutes: Map<number, number>, now: number): void {
    if (this.cells.size >= MAX_CELLS) {
      for (const [k, cell] of this.cells) if (now - cell.at >= TTL_MS) this.cells.delete(k);
      if (this.cells.size >= MAX_CELLS) this.cells.clear();
    }
    this.cells.set(key, { at: now, minutes });
  }
}
