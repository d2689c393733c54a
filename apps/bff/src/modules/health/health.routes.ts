import { Hono } from 'hono';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { checkReadiness, scrapeMetrics } from './health.service.ts';

/** Liveness, readiness (database reachable and migrations current) and Prometheus metrics. */
export function healthRoutes(deps: { pool: Pool; metrics: Metrics }) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const checks = await checkReadiness(deps.pool);
      const ready = checks.database && checks.migrations;
      if (!ready) c.header('Retry-After', '5');
      return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
    })
    .get('/metrics', async (c) => {
      const text = await scrapeMetrics(deps);
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(text);
    });
}
