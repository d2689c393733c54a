import { Hono } from 'hono';
import { SeriesQuerySchema } from '@watchfloor/shared/drilldown';
import { SlugSchema } from '@watchfloor/shared/ingest';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import type { AnswerCache } from '../../http/answer-cache.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound } from '../../http/app-error.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { sharedReadsOf } from '../quality/shared-reads.ts';
import { getEntityDetail } from './entity.service.ts';
import type { DrilldownDeps } from './overview.service.ts';
import { getSegmentDetail } from './segment.service.ts';
import { getSeries } from './series.service.ts';

/** A path id that is not even a valid slug names nothing: 404, like any unknown id. */
function slugParam(value: string, what: string): string {
  if (!SlugSchema.safeParse(value).success)
    throw notFound(`${what} "${value.slice(0, 64)}" does not exist`);
  return value;
}

/** Segment, entity and zoom-series levels of the drill-down; all read rollups only. */
export function detailRoutes(deps: DrilldownDeps & { answers: AnswerCache }) {
  const readDeps: DrilldownDeps = { ...deps, shared: deps.shared ?? sharedReadsOf(deps.pool) };
  const reads = deps.answers;
  return new Hono<AppEnv>()
    .get('/segments/:segmentId', async (c) => {
      const window = parseQuery(c, TimeWindowQuerySchema);
      const slug = slugParam(c.req.param('segmentId'), 'Segment');
      return reads.respond(c, async () => {
        const { detail, quality, resolution } = await getSegmentDetail(readDeps, slug, window);
        return { data: detail, quality, resolution };
      });
    })
    .get('/entities/:entityId', async (c) => {
      const window = parseQuery(c, TimeWindowQuerySchema);
      const slug = slugParam(c.req.param('entityId'), 'Entity');
      return reads.respond(c, async () => {
        const { detail, quality, resolution } = await getEntityDetail(readDeps, slug, window);
        return { data: detail, quality, resolution };
      });
    })
    .get('/series', async (c) => {
      const window = parseQuery(c, TimeWindowQuerySchema);
      const query = parseQuery(c, SeriesQuerySchema);
      return reads.respond(c, async () => {
        const { series, quality, resolution } = await getSeries(readDeps, query, window);
        return { data: series, quality, resolution };
      });
    });
}
