import { Hono } from 'hono';
import { z } from 'zod';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import { SlugSchema } from '@watchfloor/shared/ingest';
import type { AppEnv } from '../../http/app-env.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { getQualityReport } from './quality-report.service.ts';
import { toQuality, type QualityDeps } from './quality.service.ts';

const ScopeQuerySchema = z.object({
  segment: SlugSchema.optional(),
  entity: SlugSchema.optional(),
});

/** `GET /api/v1/quality?from=&to=&segment=|entity=`: the quality report of the fleet or one scope. */
export function qualityRoutes(deps: QualityDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const window = parseQuery(c, TimeWindowQuerySchema);
    const names = parseQuery(c, ScopeQuerySchema);
    const report = await getQualityReport(deps, window, names);
    return c.json(envelope(c, report, toQuality(report)));
  });
}
