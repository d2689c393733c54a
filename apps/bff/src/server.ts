import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { createPool, type Pool } from './db/pool.ts';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { IngestTokenVerifier } from './modules/auth/ingest-token.service.ts';
import { Registry } from './modules/ingest/registry.ts';
import { RollupWorker } from './modules/rollups/rollup.worker.ts';
import { createActionsDeps } from './modules/actions/actions-deps.ts';
import { loadPolicyFile } from './modules/actions/policy/policy-source.ts';
import { startActionSweeper } from './modules/actions/workflow/sweeper.ts';
import { startAuditCheckpointer } from './modules/audit/audit.service.ts';

export interface RunningServer {
  url: string;
  pool: Pool;
  worker: RollupWorker | null;
  stop(): Promise<void>;
}

/** Starts the BFF (and the in-process rollup worker unless disabled); stop() drains and closes everything. */
export async function startServer(
  env: Env,
  logger: Logger,
  options: { spaDir?: string } = {},
): Promise<RunningServer> {
  const pool = createPool({
    url: env.MYSQL_URL,
    connectionLimit: env.WATCHFLOOR_DB_POOL_SIZE,
    queueTimeoutMs: env.WATCHFLOOR_DB_QUEUE_TIMEOUT_MS,
    statementTimeoutMs: env.WATCHFLOOR_QUERY_TIMEOUT_MS,
  });
  const metrics = createMetrics();
  const actions = createActionsDeps({
    pool,
    auditKey: env.WATCHFLOOR_AUDIT_KEY,
    logger: logger.child({ component: 'actions' }),
    policy: env.WATCHFLOOR_ACTION_POLICY_FILE
      ? await loadPolicyFile(env.WATCHFLOOR_ACTION_POLICY_FILE)
      : undefined,
    webhook: env.WATCHFLOOR_ACTION_WEBHOOK_URL
      ? {
          url: env.WATCHFLOOR_ACTION_WEBHOOK_URL,
          secret: env.WATCHFLOOR_ACTION_WEBHOOK_SECRET!,
          types: env.WATCHFLOOR_ACTION_WEBHOOK_TYPES,
          timeoutMs: env.WATCHFLOOR_ACTION_WEBHOOK_TIMEOUT_MS,
        }
      : undefined,
  });
  const app = createApp({
    actions,
    pool,
    logger,
    metrics,
    registry: new Registry(pool, {
      maxSegments: env.WATCHFLOOR_MAX_SEGMENTS,
      maxEntities: env.WATCHFLOOR_MAX_ENTITIES,
    }),
    tokens: new IngestTokenVerifier(pool),
    retentionDays: env.WATCHFLOOR_RETENTION_DAYS,
    secret: env.WATCHFLOOR_SECRET,
    spaDir: options.spaDir,
    readCacheMs: env.WATCHFLOOR_READ_CACHE_MS,
    auth: { trustedProxies: env.WATCHFLOOR_TRUSTED_PROXIES, secureCookies: env.WATCHFLOOR_HTTPS },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;

  const worker = env.WATCHFLOOR_WORKER
    ? new RollupWorker({ pool, logger: logger.child({ component: 'rollup-worker' }), metrics })
    : null;
  worker?.start();
  const stopSweeper = startActionSweeper(actions);
  const stopCheckpoints = startAuditCheckpointer(pool, env.WATCHFLOOR_AUDIT_KEY, {
    onError: (error) => logger.warn({ err: error }, 'audit checkpoint failed'),
  });

  return {
    url,
    pool,
    worker,
    async stop() {
      stopSweeper();
      stopCheckpoints();
      await worker?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
