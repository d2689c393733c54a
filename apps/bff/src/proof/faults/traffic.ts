/** One HTTP exchange as the proof saw it. */
export interface Sample {
  at: number;
  path: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  /** The response's quality state, for reads that answered 200. */
  quality: string | null;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** One request with the proof's client timeout; status 0 when nothing answered in time. */
export async function exchange(
  url: string,
  path: string,
  init: RequestInit,
): Promise<{ sample: Sample; body: unknown }> {
  const at = Date.now();
  const started = performance.now();
  try {
    const response = await fetch(`${url}${path}`, {
      ...init,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => null)) as {
      quality?: { state?: string };
    } | null;
    const quality = response.status === 200 ? (body?.quality?.state ?? null) : null;
    return {
      sample: {
        at,
        path: path.split('?')[0]!,
        status: response.status,
        ms: performance.now() - started,
        retryAfter: response.headers.get('retry-after'),
        quality,
      },
      body,
    };
  } catch {
    // Status 0: no answer at all within the timeout (a hang) or a refused connection to the BFF.
    return {
      sample: {
        at,
        path: path.split('?')[0]!,
        status: 0,
        ms: performance.now() - started,
        retryAfter: null,
        quality: null,
      },
      body: null,
    };
  }
}

const SEGMENTS = ['proof-a', 'proof-b', 'proof-c', 'proof-d'];
const ENTITIES_PER_SEGMENT = 5;

/**
 * Sends uniquely numbered events at a steady rate. A batch that is not acknowledged is sent again,
 * same ids, before any new one, as a real shipper with a retry buffer does; `acked` holds every id
 * the API acknowledged.
 */
export class IngestSender {
  readonly acked = new Set<string>();
  readonly samples: Sample[] = [];
  private next = 0;
  private pending: {
    id: string;
    ts: number;
    segment: string;
    entity: string;
    status: 'ok' | 'error';
    latencyMs: number;
  }[][] = [];
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly perBatch = 50,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Keeps retrying what is left until it is acknowledged or the deadline passes. */
  async flush(deadlineMs: number): Promise<boolean> {
    while (this.pending.length > 0 && Date.now() < deadlineMs) {
      if (!(await this.sendOldest())) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return this.pending.length === 0;
  }

  private newBatch() {
    const now = Date.now();
    return Array.from({ length: this.perBatch }, () => {
      const n = this.next++;
      const segment = SEGMENTS[n % SEGMENTS.length]!;
      return {
        id: `proof-${n}`,
        ts: now,
        segment,
        entity: `${segment}-${(n >> 2) % ENTITIES_PER_SEGMENT}`,
        status: n % 17 === 0 ? ('error' as const) : ('ok' as const),
        latencyMs: 20 + (n % 50),
      };
    });
  }

  private async sendOldest(): Promise<boolean> {
    const batch = this.pending[0]!;
    const { sample, body } = await exchange(this.url, '/api/v1/ingest/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ events: batch.map((e) => ({ ...e, kind: 'request' })) }),
    });
    this.samples.push(sample);
    const result = (body as { data?: { accepted: number; duplicates: number } } | null)?.data;
    if (sample.status !== 200 || !result || result.accepted + result.duplicates !== batch.length)
      return false;
    for (const event of batch) this.acked.add(event.id);
    this.pending.shift();
    return true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const tickStart = Date.now();
      this.pending.push(this.newBatch());
      // Catch up on what the outage left behind, but never more than a few batches per tick.
      for (let i = 0; i < 5 && this.pending.length > 0; i++) if (!(await this.sendOldest())) break;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, this.intervalMs - (Date.now() - tickStart))),
      );
    }
  }
}

const READ_PATHS = [
  '/api/v1/overview',
  '/api/v1/quality',
  '/api/v1/segments/proof-a',
  '/api/v1/entities/proof-b-1',
];
const lastHour = (path: string) => {
  const to = Date.now();
  return `${path}?from=${to - 3_600_000}&to=${to}`;
};

/** Dashboard readers: each reads the next view as soon as the last one answered, with a short pause. */
export class DashboardReaders {
  readonly samples: Sample[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly readers = 4,
    private readonly pauseMs = 200,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.readers }, (_, reader) => this.run(reader));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async run(reader: number): Promise<void> {
    for (let n = reader; this.running; n++) {
      const { sample } = await exchange(this.url, lastHour(READ_PATHS[n % READ_PATHS.length]!), {
        headers: { cookie: this.cookie },
      });
      this.samples.push(sample);
      await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    }
  }
}
