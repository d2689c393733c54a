import type { Context } from 'hono';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Quality } from '@watchfloor/shared/quality';
import type { AppEnv } from './app-env.ts';
import { PreparedBody, sendPrepared } from './prepared-body.ts';

/** Identical reads share an answer this long unless configured otherwise (WATCHFLOOR_READ_CACHE_MS). */
export const DEFAULT_READ_CACHE_MS = 1_000;

export interface ReadAnswer {
  data: unknown;
  quality: Quality;
  resolution: Resolution | null;
}

interface Entry {
  computedAt: number;
  body: PreparedBody;
}

export interface AnswerCacheOptions {
  /**
   * How long a computed answer is served to identical requests. 0 keeps an answer only while it
   * is being computed (identical concurrent requests still share it).
   */
  freshMs: number;
  /** Distinct requests kept; windows chosen by zooming would otherwise pile up. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Answers of the read routes, shared by identical requests (same URL) for a bounded time: with
 * many operators on one incident view and live refresh, a view costs one computation per
 * `freshMs` rather than one per request. An answer is served as it is while younger than
 * `freshMs`, and while its replacement is being computed up to 2 × `freshMs`. Each answer is serialised (and gzip-compressed) once;
 * every response gets its own request id, and `meta.generatedAt` says when the figures were
 * computed, so a reader can always tell an answer's age. One computation per key at a time; a
 * failure reaches every waiting request as its own error and is not kept. Answers must not depend
 * on who asks (every role that may call these routes sees the same data).
 */
export class AnswerCache {
  private readonly done = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly options: AnswerCacheOptions) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 256;
  }

  async respond(c: Context<AppEnv>, compute: () => Promise<ReadAnswer>): Promise<Response> {
    const entry = await this.get(answerKey(c.req.url, this.now()), compute);
    return sendPrepared(c, entry.body, `${JSON.stringify(c.get('requestId'))}}}`);
  }

  /** Forgets every answer, e.g. after this process changed the data behind them. */
  clear(): void {
    this.done.clear();
  }

  private get(key: string, compute: () => Promise<ReadAnswer>): Entry | Promise<Entry> {
    const age = (entry: Entry | undefined) => (entry ? this.now() - entry.computedAt : Infinity);
    const cached = this.done.get(key);
    if (age(cached) < this.options.freshMs) return cached!;
    const running = this.inFlight.get(key) ?? this.refresh(key, compute);
    // While its replacement is computed, a just-expired answer is still served: readers of a busy
    // view never all wait for one computation at once, and no answer is older than 2 × freshMs.
    if (age(cached) < 2 * this.options.freshMs) return cached!;
    return running;
  }

  private refresh(key: string, compute: () => Promise<ReadAnswer>): Promise<Entry> {
    const started = compute().then((answer) => prepare(answer, this.now()));
    this.inFlight.set(key, started);
    started.then(
      (entry) => {
        this.inFlight.delete(key);
        if (this.options.freshMs <= 0) return;
        this.done.delete(key);
        this.done.set(key, entry);
        this.evict(this.now());
      },
      () => this.inFlight.delete(key),
    );
    return started;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.done) {
      if (this.done.size <= this.maxEntries && now - entry.computedAt < 2 * this.options.freshMs)
        break;
      this.done.delete(key);
    }
  }
}

/**
 * Which shared answer a request reads. A window ending now (`from` without `to`, as the SPA asks
 * for a live view, or no window at all) is named by its length in whole seconds, not by its
 * `from`: operators on the same live view ask with `from` values milliseconds apart, and all of
 * them are answered with one window ending when it was computed (the answer's `data.window` says
 * which). Any other request is named by its URL.
 */
export function answerKey(url: string, now: number): string {
  const parsed = new URL(url);
  const from = parsed.searchParams.get('from');
  if (parsed.searchParams.has('to') || from === null) return url;
  const fromMs = /^\d{1,16}$/.test(from) ? Number(from) : Date.parse(from);
  if (!Number.isFinite(fromMs)) return url;
  parsed.searchParams.set('from', `live-${Math.round((now - fromMs) / 1000)}s`);
  return parsed.toString();
}

function prepare(answer: ReadAnswer, computedAt: number): Entry {
  const meta = `{"resolution":${JSON.stringify(answer.resolution)},"generatedAt":${computedAt},"requestId":`;
  return {
    computedAt,
    body: new PreparedBody(
      Buffer.from(
        `{"data":${JSON.stringify(answer.data)},"quality":${JSON.stringify(answer.quality)},"meta":${meta}`,
      ),
    ),
  };
}
