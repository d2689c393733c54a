import { createApp } from '../../../app.ts';
import type { Pool } from '../../../db/pool.ts';
import { createLogger } from '../../../logger.ts';
import { createMetrics } from '../../../observability/metrics.ts';
import { createActionsDeps } from '../../actions/actions-deps.ts';
import { createIngestToken, IngestTokenVerifier } from '../../auth/ingest-token.service.ts';
import { hashPassword } from '../../auth/password.ts';
import { upsertUser } from '../../auth/users.repository.ts';
import { Registry } from '../../ingest/registry.ts';
import { RollupWorker } from '../../rollups/rollup.worker.ts';
import { UNKNOWN_NODE, type NodeReading } from '../cluster-node.ts';
import { ClusterMonitor } from '../cluster-monitor.ts';
import { readNodeState } from '../cluster.repository.ts';

const PASSWORD = 'correct horse battery';
const TOKEN = 'wf_ingest_cluster-token-0123456789abcdefghij';

/** A plain server's reading, as a Galera node would give it when healthy, for a fake reader to start from. */
export const syncedNode = (node: string, size = 3): NodeReading => ({
  ...UNKNOWN_NODE,
  node,
  cluster: 'Primary',
  localState: 'Synced',
  synced: true,
  size,
  recvQueue: 0,
});

/**
 * The real app as server.ts wires it (write pool, read pools behind a ClusterMonitor), with the
 * monitor's state source replaced: `states` maps each pool to the reading it gives (absent: the
 * real reader against the real server). An operator is signed in; an ingest token is registered.
 */
export async function createClusterTestApp(options: {
  write: Pool;
  reads?: Pool[];
  /** Serves the read routes instead of the monitor's read pool (a fault-injecting wrapper). */
  readPool?: Pool;
  states?: Map<Pool, NodeReading>;
}) {
  const { write, reads = [], states } = options;
  const logger = createLogger('silent');
  const cluster = new ClusterMonitor(
    { write, reads },
    {
      reader: async (pool) => {
        const fake = states?.get(pool);
        return fake ?? readNodeState(pool);
      },
    },
  );
  await createIngestToken(write, 'cluster-test', TOKEN);
  await upsertUser(
    write,
    {
      username: 'operator',
      displayName: 'operator',
      passwordHash: await hashPassword(PASSWORD),
      roles: ['operator'],
      teams: undefined,
    },
    Date.now() - 1_000,
  );
  const metrics = createMetrics();
  const app = createApp({
    pool: write,
    readPool: options.readPool ?? cluster.readPool,
    cluster,
    logger,
    metrics,
    registry: new Registry(write, { maxSegments: 100, maxEntities: 1_000 }),
    tokens: new IngestTokenVerifier(write),
    retentionDays: 400,
    secret: 'test-secret-0123456789',
    // Every read computed afresh: a test that changes the cluster state sees the change at once.
    readCacheMs: 0,
    actions: createActionsDeps({ pool: write, auditKey: 'test-audit-key-0123456789', logger }),
  });
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);
  return {
    app,
    cluster,
    get: (path: string) => app.request(path, { headers: { cookie } }),
    ingest: (events: unknown[]) =>
      app.request('/api/v1/ingest/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ events }),
      }),
    newWorker: () => new RollupWorker({ pool: write, logger, metrics }),
  };
}
