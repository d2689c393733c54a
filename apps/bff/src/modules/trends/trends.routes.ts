import { Hono } from 'hono';
import { TrendsQuerySchema } from '@watchfloor/shared/trends/api';
import { AnswerCache } from '../../http/answer-cache.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { parseQuery } from '../../http/parse-query.ts';
import type { Logger } from '../../logger.ts';
import { LatencyCellCache } from './latency-cells.ts';
import { getTrendsAnswer, trendsAnswerKey } from './trends-answer.service.ts';
import type { TrendsDeps } from './trends.service.ts';

/** How long an answer is served as it is before the next reader starts its replacement. */
export const TRENDS_FRESH_MS = 15_000;
/** The oldest answer still served while its replacement is computed; older ones make readers wait. */
export const TRENDS_MAX_AGE_MS = 60_000;
/** Distinct windows kept; custom windows would otherwise pile up. */
const TRENDS_MAX_ENTRIES = 64;

/** `GET /api/v1/trends?period=7d|30d|90d|custom&from=&to=`: SLO trends per segment, incidents and actions. */
export function trendsRoutes(
  deps: TrendsDeps & { logger?: Logger; trendsFreshMs?: number; trendsMaxAgeMs?: number },
) {
  const now = deps.now ?? Date.now;
  const answerDeps = { ...deps, now, latencyCells: new LatencyCellCache(now) };
  // A trends computation reads thousands of rollup rows: readers get the previous answer while
  // it is replaced, for far longer than the drill-down's one second.
  const answers = new AnswerCache({
    freshMs: deps.trendsFreshMs ?? TRENDS_FRESH_MS,
    maxAgeMs: deps.trendsMaxAgeMs ?? TRENDS_MAX_AGE_MS,
    maxEntries: TRENDS_MAX_ENTRIES,
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
    const endsNow = request.period !== 'custom' && c.req.query('to') === undefined;
    return answers.respond(
      c,
      () => getTrendsAnswer(answerDeps, request, endsNow),
      trendsAnswerKey(request, endsNow),
    );
  });
}
