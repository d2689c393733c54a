import { describe, expect, it } from 'vitest';
import { ACTION_OUTCOMES, TrendsResponseSchema, type Trends } from '@watchfloor/shared/trends/api';
import { TrendsCache, type CachedTrends } from './trends-cache.ts';
import type { TrendsResult } from './trends.service.ts';

const noActions = {
  total: 0,
  byOutcome: Object.fromEntries(
    ACTION_OUTCOMES.map((o) => [o, 0]),
  ) as Trends['actions']['current']['byOutcome'],
};

function result(computedAt: number): TrendsResult {
  return {
    computedAt,
    quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
    trends: {
      period: '7d',
      window: { from: computedAt - 7 * 86_400_000, to: computedAt },
      previousWindow: { from: computedAt - 14 * 86_400_000, to: computedAt - 7 * 86_400_000 },
      alertsAt: computedAt,
      segments: [],
      incidents: [],
      actions: { weeks: [], current: noActions, previous: noActions },
    },
  };
}

/** A clock the test moves, and computations the test finishes (or fails) when it chooses. */
function harness(options: { freshMs?: number; maxAgeMs?: number } = {}) {
  let now = 1_000_000;
  const pending: { at: number; resolve: (r: TrendsResult) => void; reject: (e: Error) => void }[] =
    [];
  const errors: unknown[] = [];
  const cache = new TrendsCache({
    freshMs: options.freshMs ?? 15_000,
    maxAgeMs: options.maxAgeMs ?? 60_000,
    now: () => now,
    onRefreshError: (e) => errors.push(e),
  });
  const compute = () =>
    new Promise<TrendsResult>((resolve, reject) => pending.push({ at: now, resolve, reject }));
  const finish = async (i = pending.length - 1) => {
    const job = pending[i]!;
    job.resolve(result(job.at));
    await new Promise((r) => setImmediate(r));
  };
  return {
    cache,
    compute,
    pending,
    errors,
    finish,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

const generatedAt = async (answer: CachedTrends | Promise<CachedTrends>) =>
  (await answer).computedAt;

describe('TrendsCache', () => {
  it('makes concurrent first readers of a window share one computation', async () => {
    const h = harness();
    const readers = [
      h.cache.get('90d:now', h.compute),
      h.cache.get('90d:now', h.compute),
      h.cache.get('90d:now', h.compute),
    ];
    expect(h.pending).toHaveLength(1);
    await h.finish();
    expect(await Promise.all(readers.map(generatedAt))).toEqual([h.now(), h.now(), h.now()]);
  });

  it('serves a stale answer at once while a single recomputation replaces it', async () => {
    const h = harness();
    const first = h.cache.get('90d:now', h.compute);
    await h.finish();
    const computedAt = await generatedAt(first);

    h.advance(20_000);
    const during = [h.cache.get('90d:now', h.compute), h.cache.get('90d:now', h.compute)];
    // Answered synchronously: nobody waits for the recomputation.
    for (const answer of during) expect(answer).not.toBeInstanceOf(Promise);
    expect(await Promise.all(during.map(generatedAt))).toEqual([computedAt, computedAt]);
    expect(h.pending).toHaveLength(2);

    await h.finish();
    expect(await generatedAt(h.cache.get('90d:now', h.compute))).toBe(h.now());
    expect(h.pending).toHaveLength(2);
  });

  it('makes readers wait for a new answer once the old one is past the maximum age', async () => {
    const h = harness({ maxAgeMs: 60_000 });
    h.cache.get('90d:now', h.compute);
    await h.finish();
    h.advance(61_000);
    const answer = h.cache.get('90d:now', h.compute);
    expect(answer).toBeInstanceOf(Promise);
    await h.finish();
    expect(await generatedAt(answer)).toBe(h.now());
  });

  it('keeps the previous answer when a refresh fails, reports it, and retries on the next reader', async () => {
    const h = harness();
    h.cache.get('90d:now', h.compute);
    await h.finish();
    h.advance(20_000);
    h.cache.get('90d:now', h.compute);
    h.pending[1]!.reject(new Error('database down'));
    await new Promise((r) => setImmediate(r));
    expect(h.errors).toHaveLength(1);
    expect(await generatedAt(h.cache.get('90d:now', h.compute))).toBe(h.now() - 20_000);
    expect(h.pending).toHaveLength(3);
  });

  it('does not keep a failed first computation: the next reader computes again', async () => {
    const h = harness();
    const failed = h.cache.get('7d:now', h.compute);
    h.pending[0]!.reject(new Error('database down'));
    await expect(failed).rejects.toThrow('database down');
    const retry = h.cache.get('7d:now', h.compute);
    expect(h.pending).toHaveLength(2);
    await h.finish();
    expect(await generatedAt(retry)).toBe(h.now());
  });

  it('writes an envelope whose meta says when the figures were computed', async () => {
    const h = harness();
    const answer = h.cache.get('7d:now', h.compute);
    await h.finish();
    const { body: prepared, computedAt } = await answer;
    const head = (await prepared.render('', false)).body;
    h.advance(30_000);
    const body = TrendsResponseSchema.parse(
      JSON.parse(`${head.toString()}${JSON.stringify('req-12345678')}}}`),
    );
    expect(body.meta).toEqual({
      resolution: '1d',
      generatedAt: computedAt,
      requestId: 'req-12345678',
    });
    expect(body.data.window.to).toBe(computedAt);
  });
});
