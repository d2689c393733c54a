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
  /**
   * When the figures were computed (what `meta.generatedAt` says), for a computation that knows
   * its own instant; absent, the moment the computation finished.
   */
  computedAt?: number;
}

/** A computed answer, serialised once: every reader gets the same bytes plus its own request id. */
export interface PreparedAnswer {
  computedAt: number;
  /** `{"data":…,"quality":…,"meta":{"resolution":…,"generatedAt":…,"requestId":`; gzip-compressed once. */
  body: PreparedBody;
}

export interface AnswerCacheOptions {
  /**
   * How long a computed answer is served to identical requests. 0 keeps an answer only while it
   * is being computed (identical concurrent requests still share it).
   */
  freshMs: number;
  /**
   * The oldest answer still served at once while its replacement is computed; older ones (after a
   * quiet spell) make readers wait for the new answer. Default 2 × `freshMs`.
   */
  maxAgeMs?: number;
  /** Distinct requests kept; windows chosen by zooming would otherwise pile up. Default 256. */
  maxEntries?: number;
  now?: () => number;
  /** A failed replacement of an answer readers were served meanwhile: nobody awaits it, so say so. */
  onRefreshError?: (error: unknown) => void;
}

/**
 * Answers of the read routes, shared by identical requests (same key) for a bounded time: with
 * many operators on one view and live refresh, a view costs one computation per `freshMs` rather
 * than one per request. An answer is served as it is while younger than `freshMs`, and while its
 * replacement is being computed up to `maxAgeMs`. Each answer is serialised (and gzip-compressed)
 * once; every response gets its own request id, `meta.generatedAt` says when the figures were
 * computed and `meta.ageMs` how old they were when sent, so a reader can always tell an answer's
 * age (and ask again soon when it was handed an older one). One computation per key at a time; a
 * failure reaches every waiting request as its own error and is not kept (the previous answer,
 * if any, still is). Answers must not depend on who asks (every role that may call these routes
 * sees the same data).
 */
export class AnswerCache {
  private readonly done = new Map<string, PreparedAnswer>();
  private readonly inFlight = new Map<string, Promise<PreparedAnswer>>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: AnswerCacheOptions) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? 2 * options.freshMs;
    this.maxEntries = options.maxEntries ?? 256;
  }

  /** Responds with the answer shared under `key` (by default the request's `answerKey`). */
  async respond(
    c: Context<AppEnv>,
    compute: () => Promise<ReadAnswer>,
    key: string = answerKey(c.req.url, this.now()),
  ): Promise<Response> {
    const answer = await this.get(key, compute);
    const ageMs = Math.max(0, Math.round(this.now() - answer.computedAt));
    return sendPrepared(c, answer.body, `${JSON.stringify(c.get('requestId'))},"ageMs":${ageMs}}}`);
  }

  /** The answer shared under `key`: at once when one young enough is kept, else once computed. */
  get(key: string, compute: () => Promise<ReadAnswer>): PreparedAnswer | Promise<PreparedAnswer> {
    const kept = this.done.get(key);
    const age = kept ? this.now() - kept.computedAt : Infinity;
    if (kept && age < this.options.freshMs) return kept;
    const running = this.inFlight.get(key) ?? this.refresh(key, compute);
    // While its replacement is computed, a just-expired answer is still served: readers of a busy
    // view never all wait for one computation at once, and no answer is older than maxAgeMs.
    if (kept && age < this.maxAgeMs) return kept;
    return running;
  }

  /** Forgets every answer, e.g. after this process changed the data behind them. */
  clear(): void {
    this.done.clear();
  }

  private refresh(key: string, compute: () => Promise<ReadAnswer>): Promise<PreparedAnswer> {
    const running = compute().then((answer) => prepare(answer, answer.computedAt ?? this.now()));
    this.inFlight.set(key, running);
    running.then(
      (answer) => {
        this.inFlight.delete(key);
        if (this.options.freshMs <= 0) return;
        this.done.delete(key);
        this.done.set(key, answer);
        this.evict(this.now());
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        if (this.done.has(key)) this.options.onRefreshError?.(error);
      },
    );
    return running;
  }

  /** Drops answers too old to serve, and the least recently computed beyond `maxEntries`. */
  private evict(now: number): void {
    for (const [key, answer] of this.done) {
      if (this.done.size <= this.maxEntries && now - answer.computedAt < this.maxAgeMs) break;
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

function prepare(answer: ReadAnswer, computedAt: number): PreparedAnswer {
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
