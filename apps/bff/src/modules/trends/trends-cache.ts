import type { TrendsRequest } from '@watchfloor/shared/trends/api';
import { alignWindow } from '@watchfloor/shared/trends/period';
import type { TrendsResult } from './trends.service.ts';

/** A computed answer, with its data and quality already serialised: many readers, one computation. */
export interface CachedTrends {
  computedAt: number;
  dataJson: string;
  qualityJson: string;
}

/**
 * Trend figures move by the minute while a computation reads several thousand rollup rows, so
 * one answer per window (whole minutes) is shared for ttlMs, and concurrent requests for the same
 * window wait for the one computation in flight instead of starting their own. Each response
 * says when its figures were computed (meta.generatedAt).
 */
export class TrendsCache {
  private readonly entries = new Map<string, { at: number; value: Promise<CachedTrends> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(request: TrendsRequest, compute: () => Promise<TrendsResult>): Promise<CachedTrends> {
    const window = alignWindow(request.window);
    const key = `${request.period}:${window.from}:${window.to}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    for (const [k, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(k);
    const value = compute().then((result) => ({
      computedAt: result.computedAt,
      dataJson: JSON.stringify(result.trends),
      qualityJson: JSON.stringify(result.quality),
    }));
    this.entries.set(key, { at: now, value });
    // A failure is not cached: the next request tries again.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }
}
