interface Waiting<K, V> {
  key: K;
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Point lookups by key that arrive together are answered by one statement: keys asked for while a
 * statement is running go out together in the next one. Every caller's answer comes from a
 * statement sent after it asked, so batching never hides a change committed before the request
 * (a revoked session stays revoked); it only saves the round trips of 50 requests asking at once.
 * A failed statement fails exactly the lookups it carried.
 */
export class BatchedLookup<K, V> {
  private queue: Waiting<K, V>[] = [];
  private running = false;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 200,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Lookups asked for in the same turn of the event loop share the first statement.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const found = await this.load([...new Set(batch.map((w) => w.key))]);
        for (const waiting of batch) waiting.resolve(found.get(waiting.key));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.running = false;
  }
}
