import { SeededRandom } from '../../bench/stats.ts';

export interface ReadSample {
  endpoint: string;
  status: number;
  ms: number;
}

export interface FleetMap {
  segments: { slug: string; entities: string[] }[];
}

const SIX_HOURS = 6 * 3_600_000;
const LIVE_REFRESH_MS = 15_000;

/**
 * Simulated operators: each walks the drill-down (overview → segment → entity → raw events,
 * sometimes a zoomed series) with think time between clicks, and keeps the page it rests on live
 * by refreshing it every 15 s, as the SPA does. Requests go round-robin over the BFFs given.
 */
export class DashboardUsers {
  readonly samples: ReadSample[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private turn = 0;

  constructor(
    private readonly urls: readonly string[],
    private readonly cookies: readonly string[],
    private readonly fleet: FleetMap,
    private readonly users: number,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.users }, (_, user) => this.run(user));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async get(endpoint: string, path: string, cookie: string): Promise<void> {
    const url = this.urls[this.turn++ % this.urls.length]!;
    const started = performance.now();
    let status: number;
    try {
      const response = await fetch(`${url}${path}`, {
        headers: { cookie },
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    if (this.running) this.samples.push({ endpoint, status, ms: performance.now() - started });
  }

  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.running && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
  }

  private async run(user: number): Promise<void> {
    const rng = new SeededRandom(1_000 + user);
    const cookie = this.cookies[user % this.cookies.length]!;
    // Users arrive over the first seconds rather than all at once.
    await this.pause(rng.next() * 5_000);
    while (this.running) {
      // As the SPA asks: a live view sends only `from` (the server's clock is "now"); the raw
      // events level sends both bounds, since its cursor is bound to the exact window.
      const live = () => `from=${Date.now() - SIX_HOURS}`;
      const window = () => {
        const to = Date.now();
        return `from=${to - SIX_HOURS}&to=${to}`;
      };
      const segment = this.fleet.segments[Math.floor(rng.next() * this.fleet.segments.length)]!;
      const entity = segment.entities[Math.floor(rng.next() * segment.entities.length)]!;
      const think = () => this.pause(1_000 + rng.next() * 3_000);
      const steps: [string, () => string][] = [
        ['overview', () => `/api/v1/overview?${live()}`],
        ['segment', () => `/api/v1/segments/${segment.slug}?${live()}`],
        ['entity', () => `/api/v1/entities/${entity}?${live()}`],
        ['events', () => `/api/v1/events?entityId=${entity}&limit=100&${window()}`],
      ];
      if (rng.next() < 0.3) {
        steps.splice(3, 0, [
          'series',
          () => {
            const to = Date.now();
            return `/api/v1/series?scope=entity&id=${entity}&metrics=rate,errors,errorRatio,p50,p95,p99&from=${to - 3_600_000}&to=${to}`;
          },
        ]);
      }
      // Walk down as far as this visit goes, then stay on that page with live refresh for a while.
      const depth = 1 + Math.floor(rng.next() * steps.length);
      for (const [endpoint, path] of steps.slice(0, depth)) {
        if (!this.running) return;
        await this.get(endpoint, path(), cookie);
        await think();
      }
      const [restingEndpoint, restingPath] = steps[depth - 1]!;
      const refreshes = Math.floor(rng.next() * 3);
      for (let i = 0; i < refreshes && this.running; i++) {
        await this.pause(LIVE_REFRESH_MS);
        await this.get(restingEndpoint, restingPath(), cookie);
      }
    }
  }
}
