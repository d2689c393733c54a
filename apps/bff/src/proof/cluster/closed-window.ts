import type { Answer } from './acked-ingest.ts';

/**
 * Reads one closed window (an hour that ended before the proof began) over and over on both BFFs.
 * Its figures cannot change, so every 200 must carry exactly the reference answer: a partial or
 * stale read from a lagging or partitioned node would show up as a different number.
 */
export class ClosedWindowReader {
  readonly answers: Answer[] = [];
  wrong = 0;
  firstWrong: string | null = null;
  private reference: string | null = null;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly urls: readonly string[],
    private readonly cookie: string,
    private readonly path: string,
  ) {}

  /** The reference, read before any fault from the first BFF. */
  async prime(): Promise<void> {
    const { status, data } = await this.read(0);
    if (status !== 200 || data === null)
      throw new Error(`the closed-window reference read answered ${status}`);
    this.reference = data;
  }

  start(): void {
    this.running = true;
    this.loops = this.urls.map((_, bff) => this.run(bff));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async read(bff: number): Promise<{ status: number; data: string | null }> {
    try {
      const response = await fetch(`${this.urls[bff]}${this.path}`, {
        headers: { cookie: this.cookie },
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json().catch(() => null)) as { data?: unknown } | null;
      return {
        status: response.status,
        data: body?.data === undefined ? null : JSON.stringify(body.data),
      };
    } catch {
      return { status: 0, data: null };
    }
  }

  private async run(bff: number): Promise<void> {
    while (this.running) {
      const at = Date.now();
      const started = performance.now();
      const { status, data } = await this.read(bff);
      this.answers.push({ at, bff, status, ms: performance.now() - started });
      if (status === 200 && data !== this.reference) {
        this.wrong++;
        this.firstWrong ??= `BFF ${bff + 1} at ${new Date(at).toISOString().slice(11, 19)}: ${String(data).slice(0, 160)}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
