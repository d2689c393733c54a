import { Hono } from 'hono';
import { TrendsQuerySchema, type TrendsRequest } from '@watchfloor/shared/trends/api';
import { alignWindow, PRESET_PERIOD_MS } from '@watchfloor/shared/trends/period';
import type { AppEnv } from '../../http/app-env.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { sendPrepared } from '../../http/prepared-body.ts';
import type { Logger } from '../../logger.ts';
import { LatencyCellCache } from './latency-cells.ts';
import { TrendsCache } from './trends-cache.ts';
import { computeTrends, type TrendsDeps } from './trends.service.ts';

/** How long an answer is served as it is before the next reader starts its replacement. */
export const TRENDS_FRESH_MS = 15_000;
/** The oldest answer still served while its replacement is computed; older ones make readers wait. */
export const TRENDS_MAX_AGE_MS = 60_000;

/**
 * Which shared answer a request reads. A preset without `to` means "ending now": all such
 * requests share one answer whose window ends when it was computed, so a new minute does not
 * make every reader wait for a cold computation. Explicit windows share by whole minute.
 */
function cacheKey(request: TrendsRequest, live: boolean): string {
  if (live) return `${request.period}:now`;
  const window = alignWindow(request.window);
  return `${request.period}:${window.from}:${window.to}`;
}

/** `GET /api/v1/trends?period=7d|30d|90d|custom&from=&to=`: SLO trends per segment, incidents and actions. */
export function trendsRoutes(
  deps: TrendsDeps & { logger?: Logger; trendsFreshMs?: number; trendsMaxAgeMs?: number },
) {
  const now = deps.now ?? Date.now;
  const latencyCells = new LatencyCellCache(now);
  const cache = new TrendsCache({
    freshMs: deps.trendsFreshMs ?? TRENDS_FRESH_MS,
    maxAgeMs: deps.trendsMaxAgeMs ?? TRENDS_MAX_AGE_MS,
    now,
    onRefreshError: (error) =>
      deps.logger?.warn(
        { err: error },
        'trends: background refresh failed; serving the previous answer',
      ),
  });
  return new Hono<AppEnv>().get('/', async (c) => {
    const request = parseQuery(c, TrendsQuerySchema);
    // The answer does not depend on who asks: every role allowed here sees every segment.
    const live = request.period !== 'custom' && c.req.query('to') === undefined;
    const answer = await cache.get(cacheKey(request, live), () => {
      if (!live || request.period === 'custom')
        return computeTrends({ ...deps, latencyCells }, request);
      const at = now();
      return computeTrends(
        { ...deps, now: () => at, latencyCells },
        { period: request.period, window: { from: at - PRESET_PERIOD_MS[request.period], to: at } },
      );
    });
    return sendPrepared(c, answer.body, `${JSON.stringify(c.get('requestId'))}}}`);
  });
}
