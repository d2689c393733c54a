import { Hono } from 'hono';
import { EventsQuerySchema } from '@watchfloor/shared/events';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import type { AnswerCache } from '../../http/answer-cache.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { parseQuery } from '../../http/parse-query.ts';
import type { QualityDeps } from '../quality/quality.service.ts';
import { sharedReadsOf } from '../quality/shared-reads.ts';
import { getEventsAnswer, type EventsDeps } from './events.service.ts';

/** The raw-events level: the only route that reads the events table. */
export function eventsRoutes(deps: EventsDeps & QualityDeps & { answers: AnswerCache }) {
  const readDeps = { ...deps, shared: deps.shared ?? sharedReadsOf(deps.pool) };
  return new Hono<AppEnv>().get('/', async (c) => {
    const window = parseQuery(c, TimeWindowQuerySchema);
    const query = parseQuery(c, EventsQuerySchema);
    return deps.answers.respond(c, () => getEventsAnswer(readDeps, query, window));
  });
}
