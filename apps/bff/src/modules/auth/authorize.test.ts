import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { ROUTE_PERMISSIONS } from './route-permissions.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

// Public reads (sign-in options, the SSO redirects) are open to HEAD as to GET.
const readRoutes = Object.entries(ROUTE_PERMISSIONS)
  .filter(([key, access]) => key.startsWith('GET ') && access.kind === 'session')
  .map(([key]) => key.slice(4).replace(/:(\w+)/g, 'x'));

describe('authorisation of HEAD requests', () => {
  it('refuses HEAD on every read route without a session, as GET would be', async () => {
    const answered: string[] = [];
    for (const path of readRoutes) {
      const response = await t.app.request(path, { method: 'HEAD' });
      if (response.status !== 401) answered.push(`${path} → ${response.status}`);
    }
    expect(answered).toEqual([]);
  });

  it('refuses HEAD to a role the route does not list, and to an ingest token', async () => {
    expect(
      (
        await t.app.request('/api/v1/events?entityId=ent-0', {
          method: 'HEAD',
          headers: { cookie: await t.cookieFor('manager') },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.app.request('/api/v1/audit/verify', {
          method: 'HEAD',
          headers: { cookie: await t.cookieFor('operator') },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.app.request('/api/v1/overview', {
          method: 'HEAD',
          headers: { authorization: `Bearer ${TEST_TOKEN}` },
        })
      ).status,
    ).toBe(401);
  });

  it('answers HEAD for a role the route lists', async () => {
    expect(
      (
        await t.app.request('/api/v1/me', {
          method: 'HEAD',
          headers: { cookie: await t.cookieFor('manager') },
        })
      ).status,
    ).toBe(200);
  });
});
