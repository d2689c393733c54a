/**
 * Reads that many concurrent requests need identically (fleet-wide pipeline state), shared:
 * concurrent callers with the same key and data version get one promise, and a settled answer is
 * reused only while the version is unchanged and for at most `maxAgeMs`. A version read each time
 * catches ingest and worker changes at once; the age bound covers what the version cannot see
 * (a transaction committing out of id order), so an answer is never more than that old.
 */
export class SharedReads {
  private readonly entries = new Map<
    string,
    { version: string; at: number; value: Promise<unknown> }
  >();

  constructor(
    private readonly maxAgeMs = 1_000,
    private readonly maxEntries = 64,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get<T>(key: string, version: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const entry = this.entries.get(key);
    if (entry && entry.version === version && now - entry.at <= this.maxAgeMs)
      return entry.value as Promise<T>;
    const value = load();
    const fresh = { version, at: now, value };
    this.entries.delete(key);
    this.entries.set(key, fresh);
    // A failed read is not kept: the next caller tries again.
    value.catch(() => this.entries.get(key) === fresh && this.entries.delete(key));
    this.evict(now);
    return value;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at <= this.maxAgeMs) break;
      this.entries.delete(key);
    }
  }
}

const byPool = new WeakMap<object, SharedReads>();

/** One SharedReads per database pool, so every read route of an app shares the same answers. */
export function sharedReadsOf(pool: object): SharedReads {
  let shared = byPool.get(pool);
  if (!shared) byPool.set(pool, (shared = new SharedReads()));
  return shared;
}
