import type { FleetMap } from '../load/dashboard-users.ts';

/** One HTTP answer the proof saw, with when it was sent and which BFF answered. */
export interface Answer {
  at: number;
  bff: number;
  status: number;
  ms: number;
}

/**
 * Ingest at a steady events/s, round-robin over the BFFs, remembering exactly which event ids were
 * acknowledged (a 200 whose accepted + duplicates covers the batch). Ids are `<prefix>-<n>`.
 * A refused batch is not sent again: it was never acknowledged, so it cannot count as lost.
 */
export class AckedIngest {
  readonly answers: Answer[] = [];
  readonly acked: number[] = [];
  sent = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private turn = 0;
  private readonly entities: { segment: string; entity: string }[];

  constructor(
    private readonly urls: readonly string[],
    private readonly token: string,
    fleet: FleetMap,
    private readonly perSecond: number,
    readonly prefix: string,
  ) {
    this.entities = fleet.segments.flatMap((s) =>
      s.entities.map((entity) => ({ segment: s.slug, entity })),
    );
  }

  start(): void {
    const started = Date.now();
    this.timer = setInterval(() => {
      if (this.inFlight.size >= 32) return;
      const due = Math.floor(((Date.now() - started) * this.perSecond) / 1000) - this.sent;
      if (due <= 0) return;
      const sending = this.send(Math.min(due, 1_000)).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }, 100);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  private async send(size: number): Promise<void> {
    const first = this.sent;
    this.sent += size;
    const now = Date.now();
    const events = Array.from({ length: size }, (_, i) => {
      const n = first + i;
      const target = this.entities[n % this.entities.length]!;
      return {
        id: `${this.prefix}-${n}`,
        ts: now,
        ...target,
        kind: 'request',
        status: n % 97 === 0 ? 'error' : 'ok',
        latencyMs: 20 + (n % 80),
      };
    });
    const bff = this.turn++ % this.urls.length;
    const started = performance.now();
    let status: number;
    try {
      const response = await fetch(`${this.urls[bff]}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      const body = (await response.json().catch(() => null)) as {
        data?: { accepted: number; duplicates: number };
      } | null;
      const data = body?.data;
      if (status === 200 && data && data.accepted + data.duplicates === size)
        for (let n = first; n < first + size; n++) this.acked.push(n);
    } catch {
      status = 0;
    }
    this.answers.push({ at: now, bff, status, ms: performance.now() - started });
  }
}
