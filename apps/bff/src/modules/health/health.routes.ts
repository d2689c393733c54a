import { Hono } from 'hono';
import type { Pool } from '../../db/pool.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { Metrics } from '../../observability/metrics.ts';
import type { ClusterMonitor } from '../cluster/cluster-monitor.ts';
import { checkReadiness, scrapeMetrics } from './health.service.ts';

/**
 * Liveness, readiness (database reachable, migrations current, the write node primary and synced,
 * with every address's cluster state) and Prometheus metrics.
 */
export function healthRoutes(deps: { pool: Pool; metrics: Metrics; cluster?: ClusterMonitor }) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const { checks, database, readDatabases } = await checkReadiness(deps.pool, deps.cluster);
      const ready = checks.database && checks.migrations && checks.cluster !== false;
      if (!ready) c.header('Retry-After', '5');
      return c.json(
        {
          status: ready ? 'ready' : 'not_ready',
          checks,
          ...(database ? { database } : {}),
          ...(readDatabases.length > 0 ? { readDatabases } : {}),
        },
        ready ? 200 : 503,
      );
    })
    .get('/metrics', async (c) => {
      const text = await scrapeMetrics(deps);
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(text);
    });
}
