import { Hono } from 'hono';
import { z } from 'zod';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import { SlugSchema } from '@watchfloor/shared/ingest';
import type { AppEnv } from '../../http/app-env.ts';
import { notFound } from '../../http/app-error.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { findEntity, findSegmentWithEntities } from '../fleet/fleet.repository.ts';
import {
  assessQuality,
  toQuality,
  type QualityDeps,
  type QualityScope,
} from './quality.service.ts';

const ScopeQuery = z.object({ segment: SlugSchema.optional(), entity: SlugSchema.optional() });

export function qualityRoutes(deps: QualityDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const window = parseQuery(c, TimeWindowQuerySchema);
    const query = parseQuery(c, ScopeQuery);
    let scope: QualityScope = { kind: 'fleet' };
    if (query.entity) {
      const entity = await findEntity(deps.pool, query.entity);
      if (!entity) throw notFound(`Entity "${query.entity}" does not exist`);
      scope = { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state };
    } else if (query.segment) {
      const found = await findSegmentWithEntities(deps.pool, query.segment);
      if (!found) throw notFound(`Segment "${query.segment}" does not exist`);
      scope = {
        kind: 'segment',
        id: found.segment.id,
        slug: found.segment.slug,
        entities: found.entities,
      };
    }
    const report = await assessQuality(deps, { window, scope });
    return c.json(envelope(c, report, toQuality(report)));
  });
}
