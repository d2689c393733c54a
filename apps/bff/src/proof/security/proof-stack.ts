import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@watchfloor/shared/auth';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../../cli/database/probe.ts';
import { migrate } from '../../db/migrate.ts';
import { createPool, type Pool } from '../../db/pool.ts';
import { loadEnv } from '../../env.ts';
import type { Logger } from '../../logger.ts';
import { createIngestToken } from '../../modules/auth/ingest-token.service.ts';
import { hashPassword } from '../../modules/auth/password.ts';
import { upsertUser } from '../../modules/auth/users.repository.ts';
import { RollupWorker } from '../../modules/rollups/rollup.worker.ts';
import { startServer, type RunningServer } from '../../server.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { cookiePair, rawRequest } from './raw-http.ts';

/** One user per role, plus accounts the brute-force checks may lock without disturbing the others. */
export const PROOF_USERS: { username: string; roles: Role[] }[] = [
  ...ROLES.map((role) => ({ username: role, roles: [role] })),
  { username: 'operator2', roles: ['operator'] },
  { username: 'rotating', roles: ['operator'] },
  { username: 'brute', roles: ['operator'] },
  { username: 'brute2', roles: ['operator'] },
];

export const SEGMENT = 'proof-seg';
export const ENTITIES = Array.from({ length: 10 }, (_, i) => `proof-seg-e${i}`);

export interface ProofStack {
  database: string;
  serverUrl: string;
  pool: Pool;
  password: string;
  token: string;
  /** Servers started for the proof, stopped by close(). */
  start(extraEnv?: Record<string, string>): Promise<RunningServer>;
  signIn(baseUrl: string, username: string): Promise<string>;
  close(): Promise<void>;
}

/** A scratch database (watchfloor_proof_sec_<random>), migrated, with users and an ingest token; close() drops it. */
export async function openProofStack(mysqlServer: string, logger: Logger): Promise<ProofStack> {
  const database = `watchfloor_proof_sec_${randomBytes(5).toString('hex')}`;
  await createDatabaseIfAbsent(mysqlServer, database);
  const url = withDatabase(mysqlServer, database);
  const pool = createPool({ url, connectionLimit: 4 });
  const servers = new Set<RunningServer>();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const server of servers) await server.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await dropDatabase(mysqlServer, database);
  };
  try {
    await migrate(pool);
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    for (const user of PROOF_USERS)
      await upsertUser(
        pool,
        { username: user.username, displayName: user.username, passwordHash, roles: user.roles },
        Date.now() - 1_000,
      );
    const token = await createIngestToken(pool, 'proof');
    const start = async (extraEnv: Record<string, string> = {}) => {
      const env = loadEnv({
        ...process.env,
        MYSQL_URL: url,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        WATCHFLOOR_SIMULATOR: '0',
        WATCHFLOOR_WORKER: '0',
        WATCHFLOOR_HTTPS: '0',
        WATCHFLOOR_TRUSTED_PROXIES: '',
        ...extraEnv,
      });
      const server = await startServer(env, logger);
      servers.add(server);
      return server;
    };
    const signIn = async (baseUrl: string, username: string) => {
      const response = await rawRequest(baseUrl, {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const cookie = response.cookies[0];
      if (response.status !== 200 || !cookie)
        throw new Error(
          `sign-in as ${username} failed: ${response.status} ${response.body.slice(0, 120)}`,
        );
      return cookiePair(cookie);
    };
    return { database, serverUrl: mysqlServer, pool, password, token, start, signIn, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Ten minutes of steady, healthy traffic through the ingest API, rolled up, so actions pass their quality precondition. */
export async function seedTraffic(
  stack: ProofStack,
  baseUrl: string,
  logger: Logger,
): Promise<number> {
  const now = Date.now();
  const start = Math.floor((now - 10 * 60_000) / 30_000) * 30_000;
  const events: IngestEventInput[] = [];
  for (let ts = start; ts < now - 1_000; ts += 30_000) {
    for (const [i, entity] of ENTITIES.entries())
      events.push({
        id: `${entity}-${ts}`,
        ts,
        segment: SEGMENT,
        entity,
        kind: 'request',
        status: 'ok',
        latencyMs: 20 + i,
        attrs: { entityKind: 'service' },
      });
  }
  const response = await rawRequest(baseUrl, {
    method: 'POST',
    path: '/api/v1/ingest/events',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
    body: JSON.stringify({ events }),
  });
  if (response.status !== 200)
    throw new Error(`seed ingest failed: ${response.status} ${response.body.slice(0, 200)}`);
  await drain(new RollupWorker({ pool: stack.pool, logger, workerId: `proof-${now}` }));
  return events.length;
}

/** A valid proposal body (the shared schema's shape) for the fuzz hints and the fixtures. */
export function proposalBody(type: 'drain_entity' | 'restart_entity', entity: string) {
  return {
    type,
    target: { kind: 'entity', id: entity },
    params: {},
    rationale: 'Error ratio has been above the SLO for ten minutes on this target.',
    evidence: {
      viewUrl: `/segments/${SEGMENT}/entities/${entity}`,
      window: { from: 1_000, to: 2_000 },
      figures: {},
      watermark: null,
      quality: { state: 'ok' },
    },
  };
}

/** Proposes an action as `cookie`'s user and returns its id and state. */
export async function propose(
  baseUrl: string,
  cookie: string,
  type: 'drain_entity' | 'restart_entity',
  entity: string,
): Promise<{ id: number; state: string }> {
  const response = await rawRequest(baseUrl, {
    method: 'POST',
    path: '/api/v1/actions',
    headers: {
      'content-type': 'application/json',
      cookie,
      'idempotency-key': randomBytes(8).toString('hex'),
    },
    body: JSON.stringify(proposalBody(type, entity)),
  });
  if (response.status !== 201)
    throw new Error(`proposal failed: ${response.status} ${response.body.slice(0, 300)}`);
  const body = JSON.parse(response.body) as { data: { id: number; state: string } };
  return { id: body.data.id, state: body.data.state };
}
