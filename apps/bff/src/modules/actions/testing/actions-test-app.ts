import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Role } from '@watchfloor/shared/auth';
import type { ActionPolicy } from '@watchfloor/shared/actions/policy';
import type { AppEnv } from '../../../http/app-env.ts';
import { AppError, notFound } from '../../../http/app-error.ts';
import { renderError } from '../../../http/error-handler.ts';
import { requestContext } from '../../../http/request-context.ts';
import { createLogger } from '../../../logger.ts';
import { createMetrics } from '../../../observability/metrics.ts';
import { DEFAULT_AUTH_CONFIG } from '../../auth/auth-config.ts';
import { authRoutes } from '../../auth/auth.routes.ts';
import { authorize } from '../../auth/authorize.middleware.ts';
import { IngestTokenVerifier } from '../../auth/ingest-token.service.ts';
import { hashPassword } from '../../auth/password.ts';
import { upsertUser } from '../../auth/users.repository.ts';
import { auditRoutes } from '../../audit/audit.routes.ts';
import { createTestApp, TEST_PASSWORD } from '../../../testing/test-app.ts';
import type { TestDatabase } from '../../../testing/test-database.ts';
import { actionsRoutes } from '../actions.routes.ts';
import type { ActionHooks, ActionsDeps } from '../actions-deps.ts';
import { executorRegistry, type ActionExecutor } from '../executors/executor.ts';
import { createSimulatedFleetExecutor } from '../executors/simulated-fleet.executor.ts';
import { InMemoryPolicySource } from '../policy-source.ts';
import { ensureRoutePermissions } from './route-table.ts';

export const TEST_AUDIT_KEY = 'test-audit-key-0123456789';

/** Users beyond one per role: a second operator and approver, and one who holds every role but manager. */
const EXTRA_USERS: { username: string; roles: Role[] }[] = [
  { username: 'operator2', roles: ['operator'] },
  { username: 'approver2', roles: ['approver'] },
  { username: 'polymath', roles: ['operator', 'approver', 'admin'] },
];

export interface ActionsTestOptions {
  policy?: ActionPolicy;
  executeOnApproval?: boolean;
  hooks?: ActionHooks;
  executor?: ActionExecutor;
  idempotencyStaleMs?: number;
}

/**
 * The actions and audit routes behind the app's real middleware chain (request context, body
 * limit, the real authorisation middleware and route table, sign-in), on a real test database,
 * plus the standard test app for ingest and the rollup worker. Counts executor calls.
 */
export async function createActionsTestApp(db: TestDatabase, options: ActionsTestOptions = {}) {
  const base = await createTestApp(db);
  ensureRoutePermissions();
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const user of EXTRA_USERS)
    await upsertUser(
      db.pool,
      { username: user.username, displayName: user.username, passwordHash, roles: user.roles },
      Date.now() - 1_000,
    );
  const policy = new InMemoryPolicySource(options.policy);
  const inner = options.executor ?? createSimulatedFleetExecutor();
  let executorCalls = 0;
  const counted: ActionExecutor = {
    name: inner.name,
    run: (request) => ((executorCalls += 1), inner.run(request)),
  };
  const deps: ActionsDeps = {
    pool: db.pool,
    auditKey: TEST_AUDIT_KEY,
    policy,
    executorFor: executorRegistry(counted),
    executeOnApproval: options.executeOnApproval,
    hooks: options.hooks,
    idempotencyStaleMs: options.idempotencyStaleMs,
  };
  const authDeps = { pool: db.pool, config: DEFAULT_AUTH_CONFIG };
  const app = new Hono<AppEnv>();
  app.use(requestContext(createLogger('silent'), createMetrics()));
  app.use(async (c, next) => (c.set('clientAddress', 'test'), next()));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new AppError(413, 'payload_too_large', 'Request body exceeds 64 KB');
      },
    }),
  );
  app.use(
    '/api/*',
    authorize({ ...authDeps, tokens: new IngestTokenVerifier(db.pool), appRoutes: () => [] }),
  );
  app.onError(renderError);
  app.notFound((c) => renderError(notFound(`No route for ${c.req.method} ${c.req.path}`), c));
  app.route(
    '/api/v1',
    new Hono<AppEnv>()
      .route('/', authRoutes(authDeps))
      .route('/actions', actionsRoutes(deps))
      .route('/audit', auditRoutes(deps)),
  );

  const cookies = new Map<string, string>();
  const cookie = async (username: string) => {
    const cached = cookies.get(username);
    if (cached) return cached;
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    const value = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
    cookies.set(username, value);
    return value;
  };
  const get = async (username: string, path: string) =>
    app.request(path, { headers: { cookie: await cookie(username) } });
  const post = async (
    username: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookie(username), ...headers },
      body: JSON.stringify(body),
    });
  let keys = 0;
  /** POST /api/v1/actions with a fresh Idempotency-Key unless one is given. */
  const propose = (username: string, body: unknown, key = `key-${Date.now()}-${++keys}`) =>
    post(username, '/api/v1/actions', body, { 'idempotency-key': key });
  const decide = (
    username: string,
    id: number,
    verb: 'approve' | 'reject' | 'cancel' | 'rollback',
    body: unknown = {},
  ) => post(username, `/api/v1/actions/${id}/${verb}`, body);
  return {
    app,
    base,
    deps,
    policy,
    cookie,
    get,
    post,
    propose,
    decide,
    executorCalls: () => executorCalls,
  };
}

export type ActionsTestApp = Awaited<ReturnType<typeof createActionsTestApp>>;
