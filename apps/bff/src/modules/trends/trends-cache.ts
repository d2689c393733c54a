import { PreparedBody } from '../../http/prepared-body.ts';
import type { TrendsResult } from './trends.service.ts';

/** A computed answer, serialised once: every reader gets the same bytes plus its own request id. */
export interface CachedTrends {
  /** When the figures were computed (what meta.generatedAt says). */
  computedAt: number;
  /** `{"data":…,"quality":…,"meta":{"resolution":"1d","generatedAt":…,"requestId":` — a reader appends its id and `}}`; gzip-compressed once. */
  body: PreparedBody;
}

export interface TrendsCacheOptions {
  /** An answer younger than this is served as it is. */
  freshMs: number;
  /**
   * An older answer, up to this age, is still served at once while one recomputation replaces it;
   * beyond it (after a quiet spell) readers wait for the new answer instead.
   */
  maxAgeMs: number;
  /** Distinct windows kept; custom windows would otherwise pile up. */
  maxEntries?: number;
  now?: () => number;
  onRefreshError?: (error: unknown) => void;
}

interface Entry {
  value: CachedTrends | null;
  refreshing: Promise<CachedTrends> | null;
}

export function serialiseTrends(result: TrendsResult): CachedTrends {
  return {
    computedAt: result.computedAt,
    body: new PreparedBody(
      Buffer.from(
        `{"data":${JSON.stringify(result.trends)},"quality":${JSON.stringify(result.quality)},"meta":{"resolution":"1d","generatedAt":${result.computedAt},"requestId":`,
      ),
    ),
  };
}

/**
 * Stale-while-revalidate per window key, with one computation per key at a time. A trends
 * computation reads thousands of rollup rows and takes far longer than serving bytes, so no
 * reader waits for one while an answer not older than maxAgeMs exists; once an answer is older
 * than freshMs the first reader starts its replacement and every reader meanwhile gets the
 * previous answer, whose meta.generatedAt says how old it is. A failed refresh keeps the old
 * answer (until it passes maxAgeMs) and the next reader tries again.
 */
export class TrendsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly options: TrendsCacheOptions) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 64;
  }

  get(key: string, compute: () => Promise<TrendsResult>): CachedTrends | Promise<CachedTrends> {
    const now = this.now();
    let entry = this.entries.get(key);
    if (!entry) {
      this.evict(now);
      entry = { value: null, refreshing: null };
      this.entries.set(key, entry);
    }
    const age = entry.value ? now - entry.value.computedAt : Infinity;
    if (entry.value && age < this.options.freshMs) return entry.value;
    const refreshing = entry.refreshing ?? this.refresh(key, entry, compute);
    if (entry.value && age < this.options.maxAgeMs) return entry.value;
    return refreshing;
  }

  private refresh(
    key: string,
    entry: Entry,
    compute: () => Promise<TrendsResult>,
  ): Promise<CachedTrends> {
    const refreshing = compute().then(serialiseTrends);
    entry.refreshing = refreshing;
    refreshing.then(
      (value) => {
        entry.refreshing = null;
        // A slower, older computation never replaces a newer answer.
        if (!entry.value || value.computedAt >= entry.value.computedAt) entry.value = value;
      },
      (error: unknown) => {
        entry.refreshing = null;
        if (!entry.value && this.entries.get(key) === entry) this.entries.delete(key);
        // Readers served the stale answer never see this promise; someone still should.
        if (entry.value) this.options.onRefreshError?.(error);
      },
    );
    return refreshing;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries)
      if (
        !entry.refreshing &&
        (!entry.value || now - entry.value.computedAt >= this.options.maxAgeMs)
      )
        this.entries.delete(key);
    if (this.entries.size < this.maxEntries) return;
    // Still full: drop the least recently created windows that are not being computed.
    for (const [key, entry] of this.entries) {
      if (this.entries.size < this.maxEntries) break;
      if (!entry.refreshing) this.entries.delete(key);
    }
  }
}
