import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { createIngestToken, IngestTokenVerifier } from '../modules/auth/ingest-token.service.ts';
import { Registry } from '../modules/ingest/registry.ts';
import { RollupWorker, type WorkerOptions } from '../modules/rollups/rollup.worker.ts';
import type { QualityThresholds } from '../modules/quality/quality-rules.ts';
import type { TestDatabase } from './test-database.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { upsertUser } from '../modules/auth/users.repository.ts';
import { ROLES, type Role } from '@watchfloor/shared/auth';
import type { AuthConfig } from '../modules/auth/auth-config.ts';

export const TEST_PASSWORD = 'correct horse battery';

export const TEST_TOKEN = 'wf_ingest_test-token-0123456789abcdefghijklmnop';

/** The real app on a test database, with an ingest token and a worker the test drives by hand. */
export async function createTestApp(
  db: TestDatabase,
  options: {
    maxEntities?: number;
    thresholds?: QualityThresholds;
    auth?: Partial<AuthConfig>;
  } = {},
) {
  const logger = createLogger('silent');
  const metrics = createMetrics();
  await createIngestToken(db.pool, 'test', TEST_TOKEN);
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
  });
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const role of ROLES)
    await upsertUser(
      db.pool,
      { username: role, displayName: role, passwordHash, roles: [role] },
      Date.now() - 1_000,
    );
  const cookies = new Map<Role, string>();
  /** Signs in as the user named after the role (once) and returns its session cookie. */
  const cookieFor = async (role: Role) => {
    const cached = cookies.get(role);
    if (cached) return cached;
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: role, password: TEST_PASSWORD }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (response.status !== 200 || !cookie)
      throw new Error(`login as ${role} failed: ${response.status}`);
    cookies.set(role, cookie);
    return cookie;
  };
  /** GET as a signed-in user (operator unless said otherwise). */
  const get = async (path: string, role: Role = 'operator') =>
    app.request(path, { headers: { cookie: await cookieFor(role) } });
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
  return { app, metrics, newWorker, ingest, get, cookieFor, resetCookie };
}
