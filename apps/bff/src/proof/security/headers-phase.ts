import type { Pool } from '../../db/pool.ts';
import { rawRequest } from './raw-http.ts';
import type { Tally } from './tally.ts';

const CLS = 'headers';

/**
 * Security headers on every kind of answer: health and metrics, 404s, 405-like misses, and a
 * real 500 — a table renamed under the running server — whose body must not leak the cause.
 */
export async function proveHeaders(ctx: {
  baseUrl: string;
  pool: Pool;
  tally: Tally;
  cookie: string;
}): Promise<number> {
  const get = async (path: string, expect: number[], headers: Record<string, string> = {}) =>
    ctx.tally.observe(
      CLS,
      `GET ${path}`,
      await rawRequest(ctx.baseUrl, { method: 'GET', path, headers }),
      expect,
    );
  await get('/healthz', [200]);
  await get('/readyz', [200]);
  await get('/metrics', [200]);
  await get('/api/v1/no-such-route', [404]);
  await get('/no-such-page', [404]);
  await get('/api/v1/segments/no-such-segment', [404], { cookie: ctx.cookie });
  // Renaming a table makes the next query fail the way a real bug would: an unexpected error, not an outage.
  await ctx.pool.query('RENAME TABLE annotations TO annotations_away');
  let status: number;
  try {
    const response = await get('/api/v1/entities/proof-seg-e0', [500], { cookie: ctx.cookie });
    status = response.status;
  } finally {
    await ctx.pool.query('RENAME TABLE annotations_away TO annotations');
  }
  return status;
}
