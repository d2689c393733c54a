import { Hono } from 'hono';
import type { Pool } from './db/pool.ts';
import type { AppEnv } from './http/app-env.ts';
import { notFound } from './http/app-error.ts';
import { renderError } from './http/error-handler.ts';
import { requestContext } from './http/request-context.ts';
import { securityHeaders } from './http/security-headers.ts';
import { defaultAllowedHosts, hostPolicy, requireAllowedHost } from './http/allowed-hosts.ts';
import { mountSpa } from './http/spa-static.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { IngestTokenVerifier } from './modules/auth/ingest-token.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { ingestRoutes } from './modules/ingest/ingest.routes.ts';
import type { Registry } from './modules/ingest/registry.ts';
import { overviewRoutes } from './modules/drilldown/overview.routes.ts';
import { qualityRoutes } from './modules/quality/quality.routes.ts';
import { actionsRoutes } from './modules/actions/actions.routes.ts';
import type { ActionsDeps } from './modules/actions/actions-deps.ts';
import type { ActionRateLimits } from './modules/actions/rate-limit/action-rate-limit.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { detailRoutes } from './modules/drilldown/detail.routes.ts';
import { trendsRoutes } from './modules/trends/trends.routes.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { CursorCodec } from './modules/events/cursor.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { authorize } from './modules/auth/authorize.middleware.ts';
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from './modules/auth/auth-config.ts';
import { compileRoute, type CompiledRoute } from './modules/auth/route-permissions.ts';
import { clientAddress } from './http/client-address.ts';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './http/app-error.ts';
import { AnswerCache, DEFAULT_READ_CACHE_MS } from './http/answer-cache.ts';
import type { QualityThresholds } from './modules/quality/quality-rules.ts';
import { otlpRoutes } from './modules/otlp/otlp.routes.ts';
import { otlpStatusResponse } from './modules/otlp/otlp-error-body.ts';
import { alertmanagerRoutes } from './modules/alerts/alertmanager.routes.ts';
import { DEFAULT_ALERTING_CONFIG, type AlertingConfig } from './modules/alerts/alerting-config.ts';
import { changesRoutes } from './modules/changes/changes.routes.ts';
import { assistRoutes } from './modules/assist/assist.routes.ts';
import { acknowledgementsRoutes } from './modules/acknowledgements/acknowledgements.routes.ts';
import { teamsRoutes } from './modules/teams/teams.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { policyChangesRoutes } from './modules/policy-changes/policy-changes.routes.ts';
import { ClusterMonitor } from './modules/cluster/cluster-monitor.ts';

export interface AppDeps {
  /** The write address (MYSQL_URL): writes, sessions, actions, audit, ingest. */
  pool: Pool;
  /** Serves the read-only routes (WATCHFLOOR_MYSQL_READ_URLS); default: the cluster's, else `pool`. */
  readPool?: Pool;
  /** Cluster state of every address (the server starts its timer); default: one refreshed by /readyz only. */
  cluster?: ClusterMonitor;
  logger: Logger;
  metrics: Metrics;
  registry: Registry;
  tokens: IngestTokenVerifier;
  retentionDays: number;
  /** Signs cursors; private outside demo mode (env.ts refuses the default then). */
  secret: string;
  thresholds?: QualityThresholds;
  auth?: Partial<AuthConfig>;
  /** Control actions and audit, built by the caller with createActionsDeps (server and tests alike). */
  actions: ActionsDeps;
  /** How long identical drill-down and raw-events reads share one answer (default 1 s; 0: only while it is computed). */
  readCacheMs?: number;
  /** Built SPA to serve on the same origin; absent in API-only tests. */
  spaDir?: string;
  /** Per-user budgets for proposals and decisions (default DEFAULT_ACTION_RATE_LIMITS). */
  actionRateLimits?: ActionRateLimits;
  /** Host names this server answers to (WATCHFLOOR_ALLOWED_HOSTS); default: the loopback names. */
  allowedHosts?: readonly string[];
  /** Link template of the team's trace viewer with `{traceId}` (WATCHFLOOR_TRACE_URL). */
  traceUrl?: string;
  /** Alertmanager label mapping and heartbeat (WATCHFLOOR_ALERT_*). */
  alerting?: Partial<AlertingConfig>;
}

/** Middleware and module mounting. Routes stay thin: each module owns its rules and SQL. */
export function createApp(deps: AppDeps) {
  const authDeps = { pool: deps.pool, config: { ...DEFAULT_AUTH_CONFIG, ...deps.auth } };
  const { actions } = deps;
  const answers = new AnswerCache({ freshMs: deps.readCacheMs ?? DEFAULT_READ_CACHE_MS });
  const alerting = { ...DEFAULT_ALERTING_CONFIG, ...deps.alerting };
  const cluster = deps.cluster ?? new ClusterMonitor({ write: deps.pool });
  // Read-only routes: overview, detail, series, events, trends, quality. Assist stores its answers.
  const reads = { ...deps, pool: deps.readPool ?? cluster.readPool };
  const api = new Hono<AppEnv>()
    .route('/', authRoutes(authDeps))
    .route('/ingest', ingestRoutes(deps))
    .route('/ingest', alertmanagerRoutes({ ...deps, alerting }))
    .route('/ingest', changesRoutes(deps))
    .route('/quality', qualityRoutes(reads))
    .route('/overview', overviewRoutes({ ...reads, answers }))
    .route('/', detailRoutes({ ...reads, answers }))
    .route('/events', eventsRoutes({ ...reads, answers, cursors: new CursorCodec(deps.secret) }))
    .route('/actions', actionsRoutes(actions, deps.actionRateLimits))
    .route('/audit', auditRoutes(actions))
    .route('/acknowledgements', acknowledgementsRoutes(deps))
    .route('/trends', trendsRoutes(reads))
    .route('/assist', assistRoutes(deps))
    .route('/policy', policyChangesRoutes(actions))
    .route('/notifications', notificationsRoutes(deps))
    .route('/', teamsRoutes(deps));

  const app = new Hono<AppEnv>();
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(securityHeaders(authDeps.config.secureCookies));
  const hosts = hostPolicy(deps.allowedHosts ?? defaultAllowedHosts('localhost'));
  app.use(requireAllowedHost(hosts));
  app.use(async (c, next) => {
    c.set('clientAddress', clientAddress(c, authDeps.config.trustedProxies));
    await next();
  });
  // Bodies are bounded everywhere; ingest routes set their own, larger limits. A GET or HEAD
  // request has no body to bound (the Fetch API gives it none), and asking would build a full
  // Request object for every read.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/v1/ingest/')
      ? next()
      : bodyLimit({
          maxSize: 64 * 1024,
          onError: () => {
            throw new AppError(413, 'payload_too_large', 'Request body exceeds 64 KB');
          },
        })(c, next),
  );
  let appRoutes: CompiledRoute[] = [];
  const authorized = authorize({
    ...authDeps,
    tokens: deps.tokens,
    appRoutes: () => appRoutes,
    hosts,
  });
  app.use('/api/*', authorized);
  // OTLP/HTTP senders post to /v1/traces on the same port; it takes an ingest token, and every
  // refusal there (a missing token included) is a google.rpc.Status, as the protocol says.
  app.use('/v1/*', async (c, next) => {
    c.set('errorBody', otlpStatusResponse);
    await next();
  });
  app.use('/v1/*', authorized);
  app.onError((error, c) => renderError(error, c, () => cluster.unavailableNodes()));
  app.notFound((c) => renderError(notFound(`No route for ${c.req.method} ${c.req.path}`), c));
  app.route('/', healthRoutes({ ...deps, cluster }));
  app.route('/api/v1', api);
  app.route('/v1', otlpRoutes(deps));
  appRoutes = app.routes
    .filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/v1/'))
    .map((r) => compileRoute(r.method, r.path));
  if (deps.spaDir) mountSpa(app, deps.spaDir);
  return app;
}
