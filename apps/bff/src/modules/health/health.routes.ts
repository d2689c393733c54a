import { Hono } from 'hono';
import type { Pool } from '../../db/pool.ts';
import { migrationsCurrent } from '../../db/migrate.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { poolStats } from '../../observability/pool-stats.ts';

/** Liveness, readiness (database reachable and migrations current) and Prometheus metrics. */
export function healthRoutes(deps: { pool: Pool; metrics: Metrics }) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const checks = { database: false, migrations: false };
      try {
        await deps.pool.query('SELECT 1');
        checks.database = true;
        checks.migrations = await migrationsCurrent(deps.pool);
      } catch {
        // Reported through the checks object; the reason is in the server log, not the response.
      }
      const ready = checks.database && checks.migrations;
      if (!ready) c.header('Retry-After', '5');
      return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
    })
    .get('/metrics', async (c) => {
      const stats = poolStats(deps.pool);
      deps.metrics.poolConnections.set({ state: 'total' }, stats.total);
      deps.metrics.poolConnections.set({ state: 'idle' }, stats.free);
      deps.metrics.poolConnections.set({ state: 'in_use' }, stats.total - stats.free);
      deps.metrics.poolConnections.set({ state: 'waiting_requests' }, stats.queued);
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(await deps.metrics.registry.metrics());
    });
}
