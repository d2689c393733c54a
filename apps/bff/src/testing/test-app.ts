import type { ActionPolicy } from '@watchfloor/shared/actions/policy';
import { createApp } from '../app.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import {
  createActionsDeps,
  type ActionHooks,
  type ActionsConfig,
  type ActionsDeps,
} from '../modules/actions/actions-deps.ts';
import type {
  ActionExecutor,
  ExecutionOutcome,
  ExecutionRequest,
} from '../modules/actions/executors/executor.ts';
import { InMemoryPolicySource } from '../modules/actions/policy/policy-source.ts';
import { createIngestToken, IngestTokenVerifier } from '../modules/auth/ingest-token.service.ts';
import { Registry } from '../modules/ingest/registry.ts';
import { RollupWorker, type WorkerOptions } from '../modules/rollups/rollup.worker.ts';
import type { QualityThresholds } from '../modules/quality/quality-rules.ts';
import type { TestDatabase } from './test-database.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { upsertUser } from '../modules/auth/users.repository.ts';
import { ROLES, type Role } from '@watchfloor/shared/auth';
import type { AuthConfig } from '../modules/auth/auth-config.ts';
import type { AlertingConfig } from '../modules/alerts/alerting-config.ts';

export const TEST_PASSWORD = 'correct horse battery';

export const TEST_TOKEN = 'wf_ingest_test-token-0123456789abcdefghijklmnop';

/** Signs the test app's audit checkpoints (what WATCHFLOOR_AUDIT_KEY is to a real server). */
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789';

/**
 * Users beyond the one per role (named after it, fleet-wide): a second operator and approver, one
 * holding every role but manager, and an operator and approver of `team-payments` only.
 */
const EXTRA_USERS = [
  { username: 'operator2', roles: ['operator'] },
  { username: 'approver2', roles: ['approver'] },
  { username: 'polymath', roles: ['operator', 'approver', 'admin'] },
  { username: 'payments-operator', roles: ['operator'], teams: ['team-payments'] },
  { username: 'payments-approver', roles: ['approver'], teams: ['team-payments'] },
] as const satisfies readonly {
  username: string;
  roles: readonly Role[];
  teams?: readonly string[];
}[];

export type TestUser = Role | (typeof EXTRA_USERS)[number]['username'];

/** How the actions module is configured, as a server's environment would, plus the seams tests use. */
export interface TestActionsOptions {
  policy?: ActionPolicy;
  /** Routes these types to a signed webhook (WATCHFLOOR_ACTION_WEBHOOK_*). */
  webhook?: ActionsConfig['webhook'];
  /** False: approval leaves actions approved and the sweeper executes them. */
  executeOnApproval?: boolean;
  hooks?: ActionHooks;
  /** Surrounds every executor run (e.g. to hold it at a gate); `run` is the configured executor. */
  aroundExecutor?: (
    request: ExecutionRequest,
    run: () => Promise<ExecutionOutcome>,
  ) => Promise<ExecutionOutcome>;
}

/**
 * The real app on a test database, with an ingest token, signed-in users, a worker the test drives
 * by hand, and the actions module built by the server's own factory (counting executor runs).
 */
export async function createTestApp(
  db: TestDatabase,
  options: {
    maxEntities?: number;
    thresholds?: QualityThresholds;
    auth?: Partial<AuthConfig>;
    actions?: TestActionsOptions;
    /** Trace viewer template (WATCHFLOOR_TRACE_URL). */
    traceUrl?: string;
    /** Alert mapping and heartbeat (WATCHFLOOR_ALERT_*). */
    alerting?: Partial<AlertingConfig>;
  } = {},
) {
  const logger = createLogger('silent');
  const metrics = createMetrics();
  await createIngestToken(db.pool, 'test', TEST_TOKEN);
  const { actions, policy, executorCalls } = testActionsDeps(db, logger, options);
  const app = createApp({
    pool: db.pool,
    logger,
    metrics,
    registry: new Registry(db.pool, {
      maxSegments: 100,
      maxEntities: options.maxEntities ?? 1_000,
    }),
    tokens: new IngestTokenVerifier(db.pool),
    retentionDays: 400,
    secret: 'test-secret-0123456789',
    thresholds: options.thresholds,
    auth: options.auth,
    actions,
    traceUrl: options.traceUrl,
    alerting: options.alerting,
  });
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users = [
    ...ROLES.map((role) => ({ username: role, roles: [role], teams: undefined })),
    ...EXTRA_USERS.map((user) => ({
      username: user.username,
      roles: [...user.roles],
      teams: 'teams' in user ? [...user.teams] : undefined,
    })),
  ];
  for (const { username, roles, teams } of users)
    await upsertUser(
      db.pool,
      { username, displayName: username, passwordHash, roles, teams },
      Date.now() - 1_000,
    );
  const cookies = new Map<TestUser, Promise<string>>();
  const signIn = async (user: TestUser) => {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: TEST_PASSWORD }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (response.status !== 200 || !cookie)
      throw new Error(`login as ${user} failed: ${response.status}`);
    return cookie;
  };
  /**
   * Signs in as the user (once: requests sent together share the one sign-in, as a browser's
   * would) and returns its session cookie.
   */
  const cookieFor = (user: TestUser) => {
    let cookie = cookies.get(user);
    if (!cookie) {
      cookie = signIn(user);
      cookies.set(user, cookie);
      // A failed sign-in is not kept: the next request signs in again.
      cookie.catch(() => cookies.delete(user));
    }
    return cookie;
  };
  /** GET as a signed-in user (operator unless said otherwise). */
  const get = async (path: string, user: TestUser = 'operator') =>
    app.request(path, { headers: { cookie: await cookieFor(user) } });
  /** POST a JSON body as a signed-in user (operator unless said otherwise). */
  const post = async (
    path: string,
    body: unknown,
    user: TestUser = 'operator',
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookieFor(user), ...headers },
      body: JSON.stringify(body),
    });
  const newWorker = (extra: Partial<WorkerOptions> = {}) =>
    new RollupWorker({ pool: db.pool, logger, metrics, ...extra });
  const ingest = (events: unknown[], token = TEST_TOKEN) =>
    app.request('/api/v1/ingest/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ events }),
    });
  const resetCookie = async (role: Role) => {
    cookies.delete(role);
  };
  return {
    app,
    metrics,
    newWorker,
    ingest,
    get,
    post,
    cookieFor,
    resetCookie,
    /** The actions module's dependencies the app runs with (for the sweeper and direct execution). */
    actions,
    policy,
    executorCalls,
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The actions module as a server builds it (createActionsDeps), with the tests' seams added. */
function testActionsDeps(
  db: TestDatabase,
  logger: Logger,
  options: { thresholds?: QualityThresholds; actions?: TestActionsOptions },
) {
  const policy = new InMemoryPolicySource(options.actions?.policy);
  const configured = createActionsDeps({
    pool: db.pool,
    auditKey: TEST_AUDIT_KEY,
    logger,
    thresholds: options.thresholds,
    policy,
    webhook: options.actions?.webhook,
  });
  let calls = 0;
  const around = options.actions?.aroundExecutor;
  const counted = (executor: ActionExecutor): ActionExecutor => ({
    name: executor.name,
    run: (request) => {
      calls += 1;
      return around ? around(request, () => executor.run(request)) : executor.run(request);
    },
  });
  const actions: ActionsDeps = {
    ...configured,
    executeOnApproval: options.actions?.executeOnApproval,
    hooks: options.actions?.hooks,
    executorFor: (type) => counted(configured.executorFor(type)),
  };
  return { actions, policy, executorCalls: () => calls };
}
