import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Quality } from '@watchfloor/shared/quality';
import type { AppEnv } from '../../http/app-env.ts';
import { CoalescedReads } from './coalesced-reads.ts';

const quality: Quality = { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: 0, reasons: [] };

function appCountingComputations() {
  const reads = new CoalescedReads();
  let computations = 0;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  let n = 0;
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('requestId', `req-${++n}`);
      await next();
    })
    .get('/view', (c) =>
      reads.respond(c, async () => {
        computations += 1;
        await gate;
        return { data: { computation: computations, q: c.req.query('q') ?? null }, quality, resolution: '1m' };
      }),
    );
  return {
    app,
    computations: () => computations,
    release: () => {
      release();
      gate = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

describe('CoalescedReads', () => {
  it('answers identical concurrent reads from one computation, each with its own meta', async () => {
    const t = appCountingComputations();
    const pending = [t.app.request('/view'), t.app.request('/view'), t.app.request('/view?q=other')];
    await new Promise((resolve) => setTimeout(resolve, 10));
    t.release();
    const responses = await Promise.all(pending);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { data: { computation: number; q: string | null }; quality: Quality; meta: { requestId: string; resolution: string } }[];
    expect(t.computations()).toBe(2);
    expect(bodies[0]!.data).toEqual(bodies[1]!.data);
    expect(bodies[2]!.data.q).toBe('other');
    expect(new Set(bodies.map((b) => b.meta.requestId)).size).toBe(3);
    expect(bodies.every((b) => b.meta.resolution === '1m' && b.quality.state === 'ok')).toBe(true);
    expect(responses[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('keeps nothing once an answer is out: the next read computes again', async () => {
    const t = appCountingComputations();
    const first = t.app.request('/view');
    await new Promise((resolve) => setTimeout(resolve, 10));
    t.release();
    await (await first).json();
    const second = t.app.request('/view');
    await new Promise((resolve) => setTimeout(resolve, 10));
    t.release();
    expect(((await (await second).json()) as { data: { computation: number } }).data.computation).toBe(2);
    expect(t.computations()).toBe(2);
  });
});
