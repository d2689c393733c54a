import { Hono } from 'hono';
import { TrendsQuerySchema } from '@watchfloor/shared/trends/api';
import type { AppEnv } from '../../http/app-env.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { LatencyCellCache } from './latency-cells.ts';
import { TrendsCache } from './trends-cache.ts';
import { computeTrends, type TrendsDeps } from './trends.service.ts';

/** How long one computed answer is shared between readers of the same window. */
export const TRENDS_CACHE_TTL_MS = 15_000;

/** `GET /api/v1/trends?period=7d|30d|90d|custom&from=&to=`: SLO trends per segment, incidents and actions. */
export function trendsRoutes(deps: TrendsDeps & { trendsCacheTtlMs?: number }) {
  const now = deps.now ?? Date.now;
  const latencyCells = new LatencyCellCache(now);
  const cache = new TrendsCache(deps.trendsCacheTtlMs ?? TRENDS_CACHE_TTL_MS, now);
  return new Hono<AppEnv>().get('/', async (c) => {
    const request = parseQuery(c, TrendsQuerySchema);
    const answer = await cache.get(request, () => computeTrends({ ...deps, latencyCells }, request));
    // The envelope is assembled around the serialised parts, so a shared answer is not re-serialised per reader.
    const meta = JSON.stringify({ resolution: '1d', generatedAt: answer.computedAt, requestId: c.get('requestId') });
    return c.body(`{"data":${answer.dataJson},"quality":${answer.qualityJson},"meta":${meta}}`, 200, { 'content-type': 'application/json; charset=UTF-8' });
  });
}
