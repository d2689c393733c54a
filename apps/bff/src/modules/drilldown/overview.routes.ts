import { Hono } from 'hono';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import type { AnswerCache } from '../../http/answer-cache.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { sharedReadsOf } from '../quality/shared-reads.ts';
import { getOverview, type DrilldownDeps } from './overview.service.ts';

/** `GET /api/v1/overview?from=&to=`: segments with health and the fleet series for the window. */
export function overviewRoutes(deps: DrilldownDeps & { answers: AnswerCache }) {
  const readDeps: DrilldownDeps = { ...deps, shared: deps.shared ?? sharedReadsOf(deps.pool) };
  return new Hono<AppEnv>().get('/', async (c) => {
    const window = parseQuery(c, TimeWindowQuerySchema);
    return deps.answers.respond(c, async () => {
      const { overview, quality, resolution } = await getOverview(readDeps, window);
      return { data: overview, quality, resolution };
    });
  });
}
