import { Hono, type Context } from 'hono';
import { ASSIST_ID_PATTERN, WhyQuerySchema } from '@watchfloor/shared/assist';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound, unauthenticated } from '../../http/app-error.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { sharedReadsOf } from '../quality/shared-reads.ts';
import { answerWhy, readStoredAnswer, type AssistDeps } from './assist.service.ts';
import { PastIncidentsCache } from './past-incidents-cache.ts';

/** `{ data: answer }` from the stored text itself, so a later read is byte-identical. */
const served = (c: Context<AppEnv>, text: string) =>
  c.body(`{"data":${text}}`, 200, { 'content-type': 'application/json; charset=UTF-8' });

/**
 * "Why?": read-only routes. The module answers and stores; it never proposes, approves or
 * executes an action (eslint.config.js forbids it the actions module).
 */
export function assistRoutes(deps: AssistDeps) {
  const readDeps: AssistDeps = {
    ...deps,
    shared: deps.shared ?? sharedReadsOf(deps.pool),
    pastIncidents: deps.pastIncidents ?? new PastIncidentsCache(),
  };
  return new Hono<AppEnv>()
    .get('/why', async (c) => {
      const query = parseQuery(c, WhyQuerySchema);
      const user = c.get('user');
      if (!user) throw unauthenticated();
      const { text } = await answerWhy(readDeps, query, user.username);
      return served(c, text);
    })
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      if (!ASSIST_ID_PATTERN.test(id))
        throw notFound(`Assist answer "${id.slice(0, 64)}" does not exist`);
      const { text } = await readStoredAnswer(readDeps, id);
      return served(c, text);
    });
}
