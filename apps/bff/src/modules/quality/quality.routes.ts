import { Hono } from 'hono';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import { QualityScopeQuerySchema } from '@watchfloor/shared/quality';
import type { AppEnv } from '../../http/app-env.ts';
import { envelope } from '../../http/envelope.ts';
import { parseQuery } from '../../http/parse-query.ts';
import { getQualityReport } from './quality-report.service.ts';
import { toQuality, type QualityDeps } from './quality.service.ts';

/** `GET /api/v1/quality?from=&to=&segment=|entity=`: the quality report of the fleet or one scope. */
export function qualityRoutes(deps: QualityDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const window = parseQuery(c, TimeWindowQuerySchema);
    const names = parseQuery(c, QualityScopeQuerySchema);
    const report = await getQualityReport(deps, window, names);
    return c.json(envelope(c, report, toQuality(report)));
  });
}
