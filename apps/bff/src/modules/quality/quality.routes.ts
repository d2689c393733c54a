import { Hono } from 'hono';
import { z } from 'zod';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import { SlugSchema } from '@watchfloor/shared/ingest';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { findEntity, findSegmentWithEntities } from '../catalog/catalog.repository.ts';
import { assessQuality, toQuality, type QualityDeps } from './quality.service.ts';

const ScopeQuery = z.object({ segment: SlugSchema.optional(), entity: SlugSchema.optional() });

export function qualityRoutes(deps: QualityDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const window = parseQuery(c, TimeWindowQuerySchema);
    const query = parseQuery(c, ScopeQuery);
    let entityIds: number[] | undefined;
    if (query.entity) {
      const entity = await findEntity(deps.pool, query.entity);
      if (!entity) throw notFound(`Entity "${query.entity}" does not exist`);
      entityIds = [entity.id];
    } else if (query.segment) {
      const found = await findSegmentWithEntities(deps.pool, query.segment);
      if (!found) throw notFound(`Segment "${query.segment}" does not exist`);
      entityIds = found.entities.map((e) => e.id);
    }
    const report = await assessQuality(deps, { window, entityIds });
    return c.json(envelope(c, report, toQuality(report)));
  });
}
