import type { Pool } from '../../db/pool.ts';
import { migrationsCurrent } from '../../db/migrate.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { poolStats } from '../../observability/pool-stats.ts';
import { pingDatabase } from './health.repository.ts';

export interface ReadinessChecks {
  database: boolean;
  migrations: boolean;
}

/** Whether the database is reachable and its migrations current; never throws. */
export async function checkReadiness(pool: Pool): Promise<ReadinessChecks> {
  const checks = { database: false, migrations: false };
  try {
    await pingDatabase(pool);
    checks.database = true;
    checks.migrations = await migrationsCurrent(pool);
  } catch {
    // Reported through the checks object; the reason is in the server log, not the response.
  }
  return checks;
}

/** The Prometheus exposition, with the pool gauges taken at the moment of the scrape. */
export async function scrapeMetrics(deps: { pool: Pool; metrics: Metrics }): Promise<string> {
  const stats = poolStats(deps.pool);
  deps.metrics.poolConnections.set({ state: 'total' }, stats.total);
  deps.metrics.poolConnections.set({ state: 'idle' }, stats.free);
  deps.metrics.poolConnections.set({ state: 'in_use' }, stats.total - stats.free);
  deps.metrics.poolConnections.set({ state: 'waiting_requests' }, stats.queued);
  return deps.metrics.registry.metrics();
}
