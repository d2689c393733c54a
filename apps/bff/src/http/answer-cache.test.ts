import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Quality } from '@watchfloor/shared/quality';
import type { AppEnv } from './app-env.ts';
import { AnswerCache, answerKey } from './answer-cache.ts';

const quality: Quality = {
  state: 'ok',
  freshnessLagSeconds: 0,
  completeness: 1,
  watermark: 0,
  reasons: [],
};

type Body = {
  data: { computation: number; q: string | null };
  quality: Quality;
  meta: { requestId: string; resolution: string; generatedAt: number };
};

function appCountingComputations(freshMs: number) {
  let clock = 1_000_000;
  const cache = new AnswerCache({ freshMs, now: () => clock });
  let computations = 0;
  let failNext = false;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  let n = 0;
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('requestId', `req-${++n}`);
      await next();
    })
    .get('/view', (c) =>
      cache.respond(c, async () => {
        computations += 1;
        await gate;
        if (failNext) {
          failNext = false;
          throw new Error('database down');
        }
        return {
          data: { computation: computations, q: c.req.query('q') ?? null },
          quality,
          resolution: '1m',
        };
      }),
    )
    .onError((error, c) => c.json({ error: error.message }, 503));
  const settle = async (pending: (Response | Promise<Response>)[]) => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    gate = new Promise<void>((resolve) => (release = resolve));
    return Promise.all(pending);
  };
  return {
    app,
    cache,
    settle,
    computations: () => computations,
    advance: (ms: number) => (clock += ms),
    failNext: () => (failNext = true),
  };
}

describe('AnswerCache', () => {
  it('answers identical concurrent reads from one computation, each with its own request id', async () => {
    const t = appCountingComputations(1_000);
    const responses = await t.settle([
      t.app.request('/view'),
      t.app.request('/view'),
      t.app.request('/view?q=other'),
    ]);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Body[];
    expect(t.computations()).toBe(2);
    expect(bodies[0]!.data).toEqual(bodies[1]!.data);
    expect(bodies[2]!.data.q).toBe('other');
    expect(new Set(bodies.map((b) => b.meta.requestId)).size).toBe(3);
    expect(
      bodies.every(
        (b) =>
          b.meta.resolution === '1m' &&
          b.quality.state === 'ok' &&
          b.meta.generatedAt === 1_000_000,
      ),
    ).toBe(true);
    expect(responses[0]!.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('serves an answer while younger than freshMs, then the previous one while its replacement is computed', async () => {
    const t = appCountingComputations(1_000);
    await t.settle([t.app.request('/view')]);
    t.advance(999);
    const cached = (await (await t.app.request('/view')).json()) as Body;
    expect(cached.data.computation).toBe(1);
    expect(cached.meta.generatedAt).toBe(1_000_000);
    t.advance(1);
    // Expired: this reader starts the replacement but is answered at once with the previous answer.
    const stale = (await (await t.app.request('/view')).json()) as Body;
    expect(stale.data.computation).toBe(1);
    expect(t.computations()).toBe(2);
    await t.settle([]);
    const fresh = (await (await t.app.request('/view')).json()) as Body;
    expect(fresh.data.computation).toBe(2);
    expect(fresh.meta.generatedAt).toBe(1_001_000);
  });

  it('never serves an answer 2 × freshMs old: the reader waits for a new computation', async () => {
    const t = appCountingComputations(1_000);
    await t.settle([t.app.request('/view')]);
    t.advance(2_000);
    const [later] = await t.settle([t.app.request('/view')]);
    expect(((await later!.json()) as Body).data.computation).toBe(2);
  });

  it('keeps nothing with freshMs 0, and nothing after clear()', async () => {
    const uncached = appCountingComputations(0);
    await uncached.settle([uncached.app.request('/view')]);
    await uncached.settle([uncached.app.request('/view')]);
    expect(uncached.computations()).toBe(2);

    const cleared = appCountingComputations(60_000);
    await cleared.settle([cleared.app.request('/view')]);
    cleared.cache.clear();
    await cleared.settle([cleared.app.request('/view')]);
    expect(cleared.computations()).toBe(2);
  });

  it('does not keep a failure: every waiting request gets the error, the next one computes again', async () => {
    const t = appCountingComputations(1_000);
    t.failNext();
    const failed = await t.settle([t.app.request('/view'), t.app.request('/view')]);
    expect(failed.map((r) => r.status)).toEqual([503, 503]);
    const [ok] = await t.settle([t.app.request('/view')]);
    expect(ok!.status).toBe(200);
    expect(t.computations()).toBe(2);
  });

  it('compresses for clients that accept gzip and says so', async () => {
    const t = appCountingComputations(1_000);
    await t.settle([t.app.request('/view?q=' + 'x'.repeat(4_000))]);
    const response = await t.app.request('/view?q=' + 'x'.repeat(4_000), {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
  });

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
