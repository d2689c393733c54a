interface Waiting<K, V> {
  key: K;
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Point lookups by key asked for in the same turn of the event loop are answered by one
 * statement. Every caller's answer comes from a statement sent after it asked, so batching never
 * hides a change committed before the request (a revoked session stays revoked); it only saves
 * the round trips of many requests asking at once. Batches do not wait for each other, so a slow
 * or refused statement delays only the lookups it carries, and a failed statement fails exactly
 * those.
 */
export class BatchedLookup<K, V> {
  private queue: Waiting<K, V>[] = [];

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 200,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ key, resolve, reject });
    });
  }

  private flush(): void {
    const waiting = this.queue;
    this.queue = [];
    for (let start = 0; start < waiting.length; start += this.maxBatch)
      void this.send(waiting.slice(start, start + this.maxBatch));
  }

  private async send(batch: Waiting<K, V>[]): Promise<void> {
    try {
      const found = await this.load([...new Set(batch.map((w) => w.key))]);
      for (const waiting of batch) waiting.resolve(found.get(waiting.key));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
