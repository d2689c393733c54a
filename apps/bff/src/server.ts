import { createApp } from './app.ts';
import { listen } from './http/node-listener.ts';
import { defaultAllowedHosts } from './http/allowed-hosts.ts';
import { createPool, type Pool } from './db/pool.ts';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { IngestTokenVerifier } from './modules/auth/ingest-token.service.ts';
import { Registry } from './modules/ingest/registry.ts';
import { RollupWorker } from './modules/rollups/rollup.worker.ts';
import { createActionsDeps } from './modules/actions/actions-deps.ts';
import { openPolicySource } from './modules/policy-changes/open-policy-source.ts';
import { startActionSweeper } from './modules/actions/workflow/sweeper.ts';
import { startAcknowledgementSweeper } from './modules/acknowledgements/acknowledgement-sweep.ts';
import { startAuditAnchoring } from './modules/audit/audit-anchor-setup.ts';
import { startNotifier } from './modules/notifications/notification-delivery.ts';
import { oidcSettingsFromEnv } from './modules/auth/oidc-settings.ts';
import { ClusterMonitor } from './modules/cluster/cluster-monitor.ts';

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
    callDeadlineMs: env.WATCHFLOOR_DB_CALL_DEADLINE_MS,
    logger: logger.child({ component: 'db' }),
  });
  // Read addresses get the write pool's bounds; the read-only routes use them (ClusterMonitor.readPool).
  const readPools = env.WATCHFLOOR_MYSQL_READ_URLS.map((url) =>
    createPool({
      url,
      connectionLimit: env.WATCHFLOOR_DB_POOL_SIZE,
      queueTimeoutMs: env.WATCHFLOOR_DB_QUEUE_TIMEOUT_MS,
      statementTimeoutMs: env.WATCHFLOOR_QUERY_TIMEOUT_MS,
      callDeadlineMs: env.WATCHFLOOR_DB_CALL_DEADLINE_MS,
      logger: logger.child({ component: 'db', read: url.replace(/\/\/[^@/]*@/, '//') }),
    }),
  );
  const cluster = new ClusterMonitor(
    { write: pool, reads: readPools },
    { logger: logger.child({ component: 'cluster' }) },
  );
  cluster.start();
  const metrics = createMetrics();
  const alerting = {
    segmentLabels: env.WATCHFLOOR_ALERT_SEGMENT_LABELS,
    entityLabels: env.WATCHFLOOR_ALERT_ENTITY_LABELS,
    heartbeatAlertname: env.WATCHFLOOR_ALERT_HEARTBEAT_NAME,
    heartbeatMaxSilenceMs: env.WATCHFLOOR_ALERT_HEARTBEAT_SILENCE_MS,
  };
  // The active policy version lives in the database; the file (or default) only seeds the first.
  const policy = await openPolicySource(pool, env.WATCHFLOOR_ACTION_POLICY_FILE, logger);
  const actions = createActionsDeps({
    pool,
    alerting,
    auditKey: env.WATCHFLOOR_AUDIT_KEY,
    logger: logger.child({ component: 'actions' }),
    policy,
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
    cluster,
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
    actionRateLimits: {
      windowMs: 60_000,
      proposals: env.WATCHFLOOR_ACTION_PROPOSALS_PER_MINUTE,
      decisions: env.WATCHFLOOR_ACTION_DECISIONS_PER_MINUTE,
    },
    auth: {
      trustedProxies: env.WATCHFLOOR_TRUSTED_PROXIES,
      secureCookies: env.WATCHFLOOR_HTTPS,
      localLogin: env.WATCHFLOOR_LOCAL_LOGIN,
      oidc: oidcSettingsFromEnv(env),
    },
    allowedHosts: env.WATCHFLOOR_ALLOWED_HOSTS ?? defaultAllowedHosts(env.HOST),
    traceUrl: env.WATCHFLOOR_TRACE_URL,
    alerting,
  });
  const server = await listen(app, {
    hostname: env.HOST,
    port: env.PORT,
    https: env.WATCHFLOOR_HTTPS,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;

  const worker = env.WATCHFLOOR_WORKER
    ? new RollupWorker({ pool, logger: logger.child({ component: 'rollup-worker' }), metrics })
    : null;
  worker?.start();
  const stopSweeper = startActionSweeper(actions);
  const stopAcknowledgementSweeper = startAcknowledgementSweeper({
    pool,
    logger: logger.child({ component: 'acknowledgements' }),
  });
  const stopCheckpoints = startAuditAnchoring(
    pool,
    {
      auditKey: env.WATCHFLOOR_AUDIT_KEY,
      anchorDir: env.WATCHFLOOR_AUDIT_ANCHOR_DIR,
      anchorUrl: env.WATCHFLOOR_AUDIT_ANCHOR_URL,
      signingKey: env.WATCHFLOOR_AUDIT_SIGNING_KEY,
      everyMs: env.WATCHFLOOR_AUDIT_CHECKPOINT_MS,
    },
    logger.child({ component: 'audit' }),
  );

  const stopNotifier = env.WATCHFLOOR_NOTIFIER
    ? startNotifier(pool, {
        urls: env.WATCHFLOOR_NOTIFY_URL,
        secret: env.WATCHFLOOR_NOTIFY_SECRET ?? '',
        publicUrl:
          env.WATCHFLOOR_PUBLIC_URL ??
          url.replace(/^http:/, env.WATCHFLOOR_HTTPS ? 'https:' : 'http:'),
        logger: logger.child({ component: 'notifications' }),
      })
    : async () => undefined;

  return {
    url,
    pool,
    worker,
    async stop() {
      stopSweeper();
      stopAcknowledgementSweeper();
      policy.stop();
      stopCheckpoints();
      await stopNotifier();
      await worker?.stop();
      await server.close();
      await cluster.stop();
      await Promise.all(readPools.map((read) => read.end()));
      await pool.end();
    },
  };
}
