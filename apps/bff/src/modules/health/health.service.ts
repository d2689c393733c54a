import type { Pool } from '../../db/pool.ts';
import { migrationsCurrent } from '../../db/migrate.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { poolStats } from '../../observability/pool-stats.ts';
import type { NodeState } from '../cluster/cluster-node.ts';
import type { ClusterMonitor } from '../cluster/cluster-monitor.ts';
import { pingDatabase } from './health.repository.ts';

export interface ReadinessChecks {
  database: boolean;
  migrations: boolean;
  /** The write node is in the primary component and synced; absent when no cluster state is kept. */
  cluster?: boolean;
}

/** One address as readiness shows it. */
export interface DatabaseReadiness {
  node: string | null;
  cluster: NodeState['cluster'];
  synced: boolean;
  size: number | null;
}

export interface Readiness {
  checks: ReadinessChecks;
  /** The write address; absent without a cluster monitor. */
  database?: DatabaseReadiness;
  readDatabases: DatabaseReadiness[];
}

const shown = ({ node, cluster, synced, size }: NodeState): DatabaseReadiness => ({
  node,
  cluster,
  synced,
  size,
});

/** A write node takes writes when it is a plain server, or primary and synced. */
const writable = (state: NodeState) =>
  state.cluster === 'none' || (state.cluster === 'Primary' && state.synced);

/**
 * Whether the database is reachable, its migrations current and (with a monitor) the write node
 * primary and synced, reading the cluster state afresh beside the ping; never throws.
 */
export async function checkReadiness(pool: Pool, cluster?: ClusterMonitor): Promise<Readiness> {
  const checks: ReadinessChecks = { database: false, migrations: false };
  const fresh = cluster?.refresh().catch(() => undefined);
  try {
    await pingDatabase(pool);
    checks.database = true;
    checks.migrations = await migrationsCurrent(pool);
  } catch {
    // Reported through the checks object; the reason is in the server log, not the response.
  }
  await fresh;
  if (!cluster) return { checks, readDatabases: [] };
  const state = cluster.clusterState();
  // An unreadable state is the ping's failure to report; it alone does not fail readiness.
  checks.cluster = state.write.cluster === 'unknown' ? checks.database : writable(state.write);
  return { checks, database: shown(state.write), readDatabases: state.reads.map(shown) };
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
