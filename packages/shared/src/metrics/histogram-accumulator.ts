import {
  BUCKET_COUNT,
  interpolateInBucket,
  type LatencyHistogram,
  type PercentileBounds,
} from './latency-histogram.ts';

/** What `packHistogram` writes; anything else takes the lenient path `unpackHistogram` takes. */
const WELL_FORMED = /^\d+:\d+(?:,\d+:\d+)*$/;
const COLON = 58;
const COMMA = 44;
const ZERO = 48;

/**
 * A dense histogram for reading: counts per bucket index in one Float64Array, with the range of
 * touched indices kept so walks and resets skip the empty ends. Merging hundreds of packed rollup
 * rows into it allocates nothing, where a Map per row made the read path garbage-bound.
 * Estimates are the same arithmetic as `estimatePercentile` over the equivalent sparse histogram.
 */
export class HistogramAccumulator {
  readonly counts = new Float64Array(BUCKET_COUNT);
  private lo = BUCKET_COUNT;
  private hi = -1;

  add(index: number, count: number): void {
    if (!(count > 0)) return;
    this.counts[index] = (this.counts[index] ?? 0) + count;
    if (index < this.lo) this.lo = index;
    if (index > this.hi) this.hi = index;
  }

  /** Adds the stored "index:count,…" text; pairs `unpackHistogram` would drop are dropped here too. */
  addPacked(packed: string | null | undefined): void {
    if (!packed) return;
    if (!this.addPackedFast(packed)) this.addPackedSlow(packed);
  }

  addAccumulator(source: HistogramAccumulator): void {
    for (let i = source.lo; i <= source.hi; i += 1) {
      const count = source.counts[i] ?? 0;
      if (count > 0) this.add(i, count);
    }
  }

  addSparse(source: LatencyHistogram): void {
    for (const [index, count] of source) this.add(index, count);
  }

  total(): number {
    let total = 0;
    for (let i = this.lo; i <= this.hi; i += 1) total += this.counts[i] ?? 0;
    return total;
  }

  /**
   * Nearest-rank estimates for ascending quantiles in one walk over the buckets; each equals
   * `estimatePercentile(sparse, q, bounds)` for the same counts.
   */
  percentiles(quantiles: readonly number[], bounds: PercentileBounds = {}): (number | null)[] {
    const total = this.total();
    const maxMs = bounds.maxMs ?? null;
    if (total === 0) return quantiles.map(() => null);
    const out: (number | null)[] = quantiles.map(() => maxMs);
    let q = 0;
    let rank = Math.max(1, Math.ceil((quantiles[0] ?? 1) * total));
    let seen = 0;
    for (let i = this.lo; i <= this.hi && q < quantiles.length; i += 1) {
      const count = this.counts[i] ?? 0;
      if (count <= 0) continue;
      while (q < quantiles.length && seen + count >= rank) {
        const estimate = interpolateInBucket(i, (rank - seen - 0.5) / count, maxMs);
        out[q] = maxMs !== null ? Math.min(estimate, maxMs) : estimate;
        q += 1;
        rank = Math.max(1, Math.ceil((quantiles[q] ?? 1) * total));
      }
      seen += count;
    }
    return out;
  }

  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKET_COUNT;
    this.hi = -1;
  }

  /** Digits, ':' and ',' only (what `packHistogram` writes); false leaves nothing added. */
  private addPackedFast(packed: string): boolean {
    if (!WELL_FORMED.test(packed)) return false;
    let index = 0;
    let value = 0;
    for (let at = 0; at <= packed.length; at += 1) {
      const c = at < packed.length ? packed.charCodeAt(at) : COMMA;
      if (c === COLON) {
        index = value;
        value = 0;
      } else if (c === COMMA) {
        if (index < BUCKET_COUNT) this.add(index, value);
        value = 0;
      } else {
        value = value * 10 + (c - ZERO);
      }
    }
    return true;
  }

  private addPackedSlow(packed: string): void {
    for (const pair of packed.split(',')) {
      const sep = pair.indexOf(':');
      const index = Number(pair.slice(0, sep));
      const count = Number(pair.slice(sep + 1));
      if (Number.isInteger(index) && index >= 0 && index < BUCKET_COUNT && count > 0)
        this.add(index, count);
    }
  }
}
