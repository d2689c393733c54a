import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { Quality } from '@watchfloor/shared/quality';
import type { AppEnv } from './app-env.ts';
import {
  AnswerCache,
  answerKey,
  type AnswerCacheOptions,
  type PreparedAnswer,
  type ReadAnswer,
} from './answer-cache.ts';

const quality: Quality = {
  state: 'ok',
  freshnessLagSeconds: 0,
  completeness: 1,
  watermark: 0,
  reasons: [],
};

interface Job {
  startedAt: number;
  resolve: (answer: ReadAnswer) => void;
  reject: (error: Error) => void;
}

/**
 * A cache on a clock the test moves, and computations the test finishes (or fails) when it
 * chooses: no timers, so what a reader is served depends only on the clock and on which
 * computations have finished.
 */
function harness(options: Partial<AnswerCacheOptions> = {}) {
  let clock = 1_000_000;
  const jobs: Job[] = [];
  const refreshErrors: unknown[] = [];
  const cache = new AnswerCache({
    freshMs: 1_000,
    now: () => clock,
    onRefreshError: (error) => refreshErrors.push(error),
    ...options,
  });
  const compute = () =>
    new Promise<ReadAnswer>((resolve, reject) => jobs.push({ startedAt: clock, resolve, reject }));
  /** Finishes a computation with an answer naming the job (its index) in its data. */
  const finish = (i = jobs.length - 1) =>
    jobs[i]!.resolve({ data: { job: i }, quality, resolution: '1m' });
  const noCompute = () => Promise.reject(new Error('a kept answer was expected'));
  /** The job whose answer a reader is served now, waiting until the cache has stored it. */
  const servedJob = async (key: string) => (await readBody(await cache.get(key, noCompute))).job;
  const eventuallyServed = (key: string, job: number) =>
    vi.waitFor(async () => expect(await servedJob(key)).toBe(job), { interval: 1 });
  return {
    cache,
    compute,
    jobs,
    finish,
    refreshErrors,
    servedJob,
    eventuallyServed,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
  };
}

async function readBody(answer: PreparedAnswer) {
  const head = (await answer.body.render('"req"}}', false)).body.toString();
  return (JSON.parse(head) as { data: { job: number } }).data;
}

describe('AnswerCache', () => {
  it('makes concurrent first readers of a key share one computation', async () => {
    const h = harness();
    const readers = [h.cache.get('k', h.compute), h.cache.get('k', h.compute)];
    void h.cache.get('other', h.compute);
    expect(h.jobs).toHaveLength(2);
    h.finish(0);
    const answers = await Promise.all(readers);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]!.computedAt).toBe(h.now());
  });

  it('serves an answer while younger than freshMs, then the previous one at once while a single replacement is computed', async () => {
    const h = harness({ freshMs: 1_000 });
    const first = h.cache.get('k', h.compute);
    h.finish(0);
    await first;
    h.advance(999);
    expect(await h.servedJob('k')).toBe(0);
    expect(h.jobs).toHaveLength(1);

    h.advance(1);
    const during = [h.cache.get('k', h.compute), h.cache.get('k', h.compute)];
    // Answered synchronously: nobody waits for the replacement.
    for (const answer of during) expect(answer).not.toBeInstanceOf(Promise);
    expect(h.jobs).toHaveLength(2);

    h.finish(1);
    await h.eventuallyServed('k', 1);
    expect((await h.cache.get('k', h.compute)).computedAt).toBe(h.now());
    expect(h.jobs).toHaveLength(2);
  });

  it('makes readers wait for a new answer once the kept one reaches maxAgeMs (default 2 × freshMs)', async () => {
    for (const [options, age] of [
      [{ freshMs: 1_000 }, 2_000],
      [{ freshMs: 15_000, maxAgeMs: 60_000 }, 60_000],
    ] as const) {
      const h = harness(options);
      const first = h.cache.get('k', h.compute);
      h.finish(0);
      await first;
      h.advance(age - 1);
      expect(h.cache.get('k', h.compute)).not.toBeInstanceOf(Promise);
      h.finish(1);
      await h.eventuallyServed('k', 1);
      h.advance(age);
      const waiting = h.cache.get('k', h.compute);
      expect(waiting).toBeInstanceOf(Promise);
      h.finish(2);
      expect(await readBody(await waiting)).toEqual({ job: 2 });
    }
  });

  it('keeps the previous answer when a replacement fails, reports the failure, and retries on the next reader', async () => {
    const h = harness({ freshMs: 15_000, maxAgeMs: 60_000 });
    const first = h.cache.get('k', h.compute);
    h.finish(0);
    await first;
    h.advance(20_000);
    void h.cache.get('k', h.compute);
    h.jobs[1]!.reject(new Error('database down'));
    await vi.waitFor(() => expect(h.refreshErrors).toHaveLength(1), { interval: 1 });
    expect((h.refreshErrors[0] as Error).message).toBe('database down');
    expect(await readBody(await h.cache.get('k', h.compute))).toEqual({ job: 0 });
    expect(h.jobs).toHaveLength(3);
  });

  it('does not keep a failed first computation: every waiting reader gets the error, the next computes again', async () => {
    const h = harness();
    const failed = [h.cache.get('k', h.compute), h.cache.get('k', h.compute)];
    h.jobs[0]!.reject(new Error('database down'));
    for (const reader of failed) await expect(reader).rejects.toThrow('database down');
    expect(h.refreshErrors).toEqual([]);
    const retry = h.cache.get('k', h.compute);
    expect(h.jobs).toHaveLength(2);
    h.finish(1);
    expect(await readBody(await retry)).toEqual({ job: 1 });
  });

  it('keeps nothing with freshMs 0, and nothing after clear()', async () => {
    const uncached = harness({ freshMs: 0 });
    for (const job of [0, 1]) {
      const reader = uncached.cache.get('k', uncached.compute);
      uncached.finish(job);
      await reader;
    }
    expect(uncached.jobs).toHaveLength(2);

    const cleared = harness({ freshMs: 60_000 });
    const reader = cleared.cache.get('k', cleared.compute);
    cleared.finish(0);
    await reader;
    cleared.cache.clear();
    void cleared.cache.get('k', cleared.compute);
    expect(cleared.jobs).toHaveLength(2);
  });

  it('keeps at most maxEntries answers, dropping the least recently computed', async () => {
    const h = harness({ freshMs: 60_000, maxEntries: 2 });
    for (const [job, key] of ['a', 'b', 'c'].entries()) {
      const reader = h.cache.get(key, h.compute);
      h.finish(job);
      await reader;
    }
    expect(await h.servedJob('c')).toBe(2);
    expect(await h.servedJob('b')).toBe(1);
    void h.cache.get('a', h.compute);
    expect(h.jobs).toHaveLength(4);
  });

  it('dates an answer by the computed instant it carries, else by when its computation finished', async () => {
    const h = harness();
    const carried = h.cache.get('carried', () =>
      Promise.resolve({ data: null, quality, resolution: '1d', computedAt: h.now() - 5_000 }),
    );
    expect((await carried).computedAt).toBe(h.now() - 5_000);
    const finished = h.cache.get('finished', h.compute);
    h.advance(300);
    h.finish(0);
    expect((await finished).computedAt).toBe(h.now());
  });
});

type Body = {
  data: { q: string | null };
  quality: Quality;
  meta: { requestId: string; resolution: string; generatedAt: number; ageMs: number };
};

/** The cache behind a real Hono route, each request with its own id. */
function appWithCache() {
  const h = harness();
  let n = 0;
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('requestId', `req-${++n}`);
      await next();
    })
    .get('/view', (c) =>
      h.cache.respond(c, async () => ({
        data: { q: c.req.query('q') ?? null },
        quality,
        resolution: '1m',
      })),
    )
    .get('/shared/:name', (c) => h.cache.respond(c, () => h.compute(), 'one-key-for-every-name'));
  return { app, h };
}

describe('AnswerCache.respond', () => {
  it('answers each request with the shared envelope and its own request id', async () => {
    const { app, h } = appWithCache();
    const responses = await Promise.all([app.request('/view'), app.request('/view')]);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Body[];
    expect(bodies.map((b) => b.meta)).toEqual([
      { resolution: '1m', generatedAt: h.now(), requestId: 'req-1', ageMs: 0 },
      { resolution: '1m', generatedAt: h.now(), requestId: 'req-2', ageMs: 0 },
    ]);
    expect(bodies[0]!.data).toEqual({ q: null });
    expect(bodies[0]!.quality).toEqual(quality);
    expect(responses[0]!.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('shares answers by URL by default, and by the key a route names when it gives one', async () => {
    const { app, h } = appWithCache();
    await app.request('/view?q=one');
    h.advance(10);
    const other = (await (await app.request('/view?q=two')).json()) as Body;
    expect(other.data.q).toBe('two');
    expect(other.meta.generatedAt).toBe(h.now());

    const readers = [app.request('/shared/a'), app.request('/shared/b')];
    await vi.waitFor(() => expect(h.jobs).toHaveLength(1), { interval: 1 });
    h.finish(0);
    const shared = (await Promise.all((await Promise.all(readers)).map((r) => r.json()))) as {
      data: { job: number };
    }[];
    expect(shared.map((b) => b.data.job)).toEqual([0, 0]);
    expect(h.jobs).toHaveLength(1);
  });

  it('says how old a shared answer was when it was sent, by the server clock', async () => {
    const { app, h } = appWithCache();
    const first = (await (await app.request('/view')).json()) as Body;
    h.advance(1_500);
    // Past freshMs, within maxAgeMs: this reader gets the kept answer while its replacement runs.
    const later = (await (await app.request('/view')).json()) as Body;
    expect(later.meta.generatedAt).toBe(first.meta.generatedAt);
    expect(later.meta.ageMs).toBe(1_500);
    expect(first.meta.ageMs).toBe(0);
  });

  it('compresses for clients that accept gzip and says so', async () => {
    const { app } = appWithCache();
    const url = '/view?q=' + 'x'.repeat(4_000);
    const response = await app.request(url, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const body = JSON.parse(
      gunzipSync(Buffer.from(await response.arrayBuffer())).toString(),
    ) as Body;
    expect(body.data.q).toBe('x'.repeat(4_000));
    expect(body.meta.requestId).toBe('req-1');
  });
});

describe('answerKey', () => {
  it('shares one answer among live windows of the same length, whatever millisecond they were asked at', () => {
    const now = 1_800_000_000_000;
    const live = (from: number, extra = '') =>
      answerKey(`http://h/api/v1/segments/s?from=${from}${extra}`, now);
    expect(live(now - 21_600_000)).toBe(live(now - 21_600_300));
    expect(live(now - 21_600_000)).not.toBe(live(now - 3_600_000));
    expect(live(now - 21_600_000, '&status=error')).not.toBe(live(now - 21_600_000));
    expect(answerKey(`http://h/api/v1/overview?from=${now - 5}&to=${now}`, now)).toBe(
      `http://h/api/v1/overview?from=${now - 5}&to=${now}`,
    );
    expect(answerKey('http://h/api/v1/overview', now)).toBe('http://h/api/v1/overview');
  });
});
