import { SeededRandom } from '../../bench/stats.ts';
import type { FleetMap } from './dashboard-users.ts';

/**
 * Ingest at a steady events/s: what is due every 100 ms (several batches in flight when the server is slow),
 * unique ids, spread over the fleet's entities; requests go round-robin over the BFFs given.
 */
export class IngestStream {
  sent = 0;
  acked = 0;
  failedBatches = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private next = 0;
  private turn = 0;
  private readonly rng = new SeededRandom(99);
  private readonly entities: { segment: string; entity: string }[];

  constructor(
    private readonly urls: readonly string[],
    private readonly token: string,
    fleet: FleetMap,
    private readonly perSecond: number,
    private readonly prefix: string,
  ) {
    this.entities = fleet.segments.flatMap((s) =>
      s.entities.map((entity) => ({ segment: s.slug, entity })),
    );
  }

  start(): void {
    const started = Date.now();
    this.timer = setInterval(() => {
      // A server that falls far behind is not helped by piling on: the shortfall shows in `sent`.
      if (this.inFlight.size >= 16) return;
      // Timers drift on a busy machine: send what is due by the clock, not one batch per tick.
      const due = Math.floor(((Date.now() - started) * this.perSecond) / 1000) - this.sent;
      if (due <= 0) return;
      const batch = this.batch(Math.min(due, 5_000));
      const sending = this.send(batch).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }, 100);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  private batch(size: number) {
    const now = Date.now();
    return Array.from({ length: size }, () => {
      const target = this.entities[Math.floor(this.rng.next() * this.entities.length)]!;
      const n = this.next++;
      return {
        id: `${this.prefix}-${n}`,
        ts: now,
        ...target,
        kind: 'request',
        status: this.rng.next() < 0.01 ? 'error' : 'ok',
        latencyMs: Math.round(Math.exp(4 + 0.5 * this.rng.normal())),
      };
    });
  }

  private async send(events: object[]): Promise<void> {
    const url = this.urls[this.turn++ % this.urls.length]!;
    this.sent += events.length;
    try {
      const response = await fetch(`${url}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { data?: { accepted: number } };
      if (response.status === 200 && body.data) this.acked += body.data.accepted;
      else this.failedBatches++;
    } catch {
      this.failedBatches++;
    }
  }
}
