import { ROLES, type Role } from '@watchfloor/shared/auth';
import { can } from '@watchfloor/shared/permissions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { ROUTE_PERMISSIONS } from './route-permissions.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
const PARAMS: Record<string, string> = { segmentId: 'seg-even', entityId: 'ent-0' };
const QUERIES: Record<string, string> = {
  '/api/v1/events': '?entityId=ent-0',
  '/api/v1/series': '?scope=fleet',
  '/api/v1/assist/why': '?scope=fleet',
};

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  await t.ingest(sampleEvents({ fromMs: minutesAgo(30), toMs: minutesAgo(5) }));
});
afterAll(async () => db?.drop());

function apiRoutes() {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of t.app.routes) {
    const guarded = route.path.startsWith('/api/') || route.path.startsWith('/v1/');
    if (!guarded || route.method === 'ALL') continue;
    seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  }
  return [...seen.values()];
}

type Identity = 'anonymous' | 'ingest token' | Role;
const IDENTITIES: Identity[] = ['anonymous', 'ingest token', ...ROLES];

async function call(method: string, template: string, identity: Identity): Promise<number> {
  const path =
    template.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x') +
    (QUERIES[template] ?? '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (identity === 'ingest token') headers.authorization = `Bearer ${TEST_TOKEN}`;
  else if (identity !== 'anonymous') headers.cookie = await t.cookieFor(identity);
  const body =
    method === 'GET'
      ? undefined
      : template.endsWith('/login')
        ? '{}'
        : template.endsWith('/logout')
          ? '{}'
          : JSON.stringify({ events: [] });
  const response = await t.app.request(path, { method, headers, body });
  return response.status;
}

describe('route table', () => {
  it('lists every API route the app serves', () => {
    const missing = apiRoutes()
      .filter((r) => !(`${r.method} ${r.path}` in ROUTE_PERMISSIONS))
      .map((r) => `${r.method} ${r.path}`);
    expect(
      missing,
      'routes missing from ROUTE_PERMISSIONS (they are refused for everyone until listed)',
    ).toEqual([]);
    expect(apiRoutes().length).toBeGreaterThanOrEqual(Object.keys(ROUTE_PERMISSIONS).length);
  });

  it("lets exactly the holders of each route's permission through, for anonymous, each role and an ingest token", async () => {
    const mismatches: string[] = [];
    for (const { method, path } of apiRoutes()) {
      const access = ROUTE_PERMISSIONS[`${method} ${path}`]!;
      for (const identity of IDENTITIES) {
        const status = await call(method, path, identity);
        const allowed =
          access.kind === 'public' ||
          (access.kind === 'ingest'
            ? identity === 'ingest token'
            : identity !== 'anonymous' &&
              identity !== 'ingest token' &&
              can([identity], access.permission));
        const denied = status === 401 || status === 403;
        const expectedDenial =
          access.kind === 'session' && (identity === 'anonymous' || identity === 'ingest token')
            ? 401
            : access.kind === 'ingest'
              ? 401
              : 403;
        if (allowed && denied)
          mismatches.push(`${identity} refused (${status}) on ${method} ${path}`);
        if (!allowed && status !== expectedDenial)
          mismatches.push(
            `${identity} got ${status}, expected ${expectedDenial}, on ${method} ${path}`,
          );
        if (path.endsWith('/logout') && identity !== 'anonymous' && identity !== 'ingest token')
          await forget(identity);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** cookieFor caches one session per role; after sign-out the next call must sign in again. */
async function forget(role: Role): Promise<void> {
  await t.resetCookie(role);
}
