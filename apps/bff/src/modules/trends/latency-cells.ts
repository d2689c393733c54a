import { unpackHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { bucketMeetsLatency } from '@watchfloor/shared/trends/latency-compliance';
import type { Queryable } from '../../db/pool.ts';
import { latencyBuckets } from '../rollups/segment-rollups.repository.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Tally {
  judged: number;
  met: number;
}

type Resolution = '1m' | '1h';
/** Minutes are tallied per hour, hours per day: a cell is the unit that is cached once final. */
const CELL_MS: Record<Resolution, number> = { '1m': HOUR, '1h': DAY };
const TTL_MS = HOUR;
const MAX_CELLS = 20_000;

interface Cell {
  at: number;
  tallies: Map<number, Tally>;
}

/**
 * Judging a minute's p95 means unpacking its histogram, so a week over every segment is ~10⁵
 * histograms. Cells (an hour of minutes, a day of hours) that end before the quality watermark
 * no longer change and are judged once per process and kept an hour; only the open edges of a
 * window are read on every computation. A repaired old bucket shows up when its cell expires.
 */
export class LatencyCellCache {
  private readonly cells = new Map<string, Cell>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Judged and met buckets per segment over [fromTs, toTs) at one resolution. */
  async tally(
    conn: Queryable,
    resolution: Resolution,
    segments: readonly { id: number; targetMs: number }[],
    fromTs: number,
    toTs: number,
    watermark: number | null,
  ): Promise<Map<number, Tally>> {
    const size = CELL_MS[resolution];
    const signature = segments.map((s) => `${s.id}=${s.targetMs}`).join(',');
    const totals = new Map<number, Tally>();
    const add = (tallies: Map<number, Tally>) => {
      for (const [id, t] of tallies) {
        const total = totals.get(id) ?? { judged: 0, met: 0 };
        total.judged += t.judged;
        total.met += t.met;
        totals.set(id, total);
      }
    };
    const ranges: { fromTs: number; toTs: number; cacheAs: string | null }[] = [];
    const now = this.now();
    for (let cell = Math.floor(fromTs / size) * size; cell < toTs; cell += size) {
      const start = Math.max(cell, fromTs);
      const end = Math.min(cell + size, toTs);
      const whole = start === cell && end === cell + size;
      const final = whole && watermark !== null && end <= watermark;
      const key = final ? `${resolution}:${cell}:${signature}` : null;
      const hit = key ? this.cells.get(key) : undefined;
      if (hit && now - hit.at < TTL_MS) add(hit.tallies);
      else ranges.push({ fromTs: start, toTs: end, cacheAs: key });
    }
    const targets = new Map(segments.map((s) => [s.id, s.targetMs]));
    for (const run of mergeAdjacent(ranges)) {
      const rows = await latencyBuckets(
        conn,
        resolution,
        segments.map((s) => s.id),
        run.fromTs,
        run.toTs,
      );
      const byCell = new Map<number, Map<number, Tally>>();
      for (const row of rows) {
        const target = targets.get(row.segmentId);
        if (target === undefined) continue;
        const verdict = bucketMeetsLatency(unpackHistogram(row.hist), row.maxMs, target);
        if (verdict === null) continue;
        const cell = Math.floor(row.bucketTs / size) * size;
        let tallies = byCell.get(cell);
        if (!tallies) byCell.set(cell, (tallies = new Map()));
        const t = tallies.get(row.segmentId) ?? { judged: 0, met: 0 };
        t.judged += 1;
        if (verdict) t.met += 1;
        tallies.set(row.segmentId, t);
      }
      for (const part of run.parts) {
        const tallies =
          byCell.get(Math.floor(part.fromTs / size) * size) ?? new Map<number, Tally>();
        add(tallies);
        if (part.cacheAs) this.store(part.cacheAs, tallies, now);
      }
    }
    return totals;
  }

  private store(key: string, tallies: Map<number, Tally>, now: number): void {
    if (this.cells.size >= MAX_CELLS) {
      for (const [k, cell] of this.cells) if (now - cell.at >= TTL_MS) this.cells.delete(k);
      if (this.cells.size >= MAX_CELLS) this.cells.clear();
    }
    this.cells.set(key, { at: now, tallies });
  }
}

interface Range {
  fromTs: number;
  toTs: number;
  cacheAs: string | null;
}

/** Touching ranges become one read; each keeps its own part so it can be cached on its own. */
function mergeAdjacent(
  ranges: readonly Range[],
): { fromTs: number; toTs: number; parts: Range[] }[] {
  const runs: { fromTs: number; toTs: number; parts: Range[] }[] = [];
  for (const range of ranges) {
    const last = runs[runs.length - 1];
    if (last && last.toTs === range.fromTs) {
      last.toTs = range.toTs;
      last.parts.push(range);
    } else {
      runs.push({ fromTs: range.fromTs, toTs: range.toTs, parts: [range] });
    }
  }
  return runs;
}
