/** A read of contiguous buckets for a set of scopes that share the same time span. */
export interface SpanRead {
  scopeIds: number[];
  fromTs: number;
  toTs: number;
}

/**
 * Turns "these buckets of these scopes are needed" into few range queries: each scope's buckets
 * are cut into runs wherever a gap exceeds maxGapBuckets, and scopes with identical runs share one
 * query. Live runs touch the same one or two minutes of every entity, so they cost one query.
 */
export function planSpanReads(
  needed: Map<number, Set<number>>,
  bucketSizeMs: number,
  maxGapBuckets = 30,
): SpanRead[] {
  const byRange = new Map<string, SpanRead>();
  for (const [scopeId, buckets] of needed) {
    const sorted = [...buckets].sort((a, b) => a - b);
    let runStart = sorted[0];
    let previous = sorted[0];
    const flush = (end: number) => {
      if (runStart === undefined) return;
      const fromTs = runStart;
      const toTs = end + bucketSizeMs;
      const key = `${fromTs}-${toTs}`;
      const read = byRange.get(key) ?? { scopeIds: [], fromTs, toTs };
      read.scopeIds.push(scopeId);
      byRange.set(key, read);
    };
    for (const bucket of sorted.slice(1)) {
      if (previous !== undefined && bucket - previous > maxGapBuckets * bucketSizeMs) {
        flush(previous);
        runStart = bucket;
      }
      previous = bucket;
    }
    if (previous !== undefined) flush(previous);
  }
  return [...byRange.values()].flatMap((read) => chunkIds(read, 1_000));
}

function chunkIds(read: SpanRead, size: number): SpanRead[] {
  const out: SpanRead[] = [];
  for (let start = 0; start < read.scopeIds.length; start += size)
    out.push({ ...read, scopeIds: read.scopeIds.slice(start, start + size) });
  return out;
}

export function addNeeded(needed: Map<number, Set<number>>, scopeId: number, bucket: number): void {
  let set = needed.get(scopeId);
  if (!set) needed.set(scopeId, (set = new Set()));
  set.add(bucket);
}
