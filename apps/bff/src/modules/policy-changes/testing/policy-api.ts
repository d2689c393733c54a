import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../auth/password.ts';
import { upsertUser } from '../../auth/users.repository.ts';
import { TEST_PASSWORD, type TestApp, type TestUser } from '../../../testing/test-app.ts';
import type { TestDatabase } from '../../../testing/test-database.ts';

/** Admins beyond the test app's own `admin`, as the demo accounts have them: a change needs two approving admins. */
export const EXTRA_ADMINS = ['admin2', 'admin3'] as const;
export type PolicyUser = TestUser | (typeof EXTRA_ADMINS)[number];

/** Creates the extra admins and returns the policy API as any user calls it through the test app. */
export async function policyApi(t: TestApp, db: TestDatabase) {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const username of EXTRA_ADMINS)
    await upsertUser(
      db.pool,
      { username, displayName: username, passwordHash, roles: ['admin'] },
      Date.now() - 1_000,
    );
  const cookies = new Map<string, string>();
  const cookieFor = async (user: PolicyUser) => {
    if (!(EXTRA_ADMINS as readonly string[]).includes(user)) return t.cookieFor(user as TestUser);
    const cached = cookies.get(user);
    if (cached) return cached;
    const response = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: TEST_PASSWORD }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (response.status !== 200 || !cookie) throw new Error(`login as ${user} failed`);
    cookies.set(user, cookie);
    return cookie;
  };
  const post = async (user: PolicyUser, path: string, body: unknown, headers = {}) =>
    t.app.request(`/api/v1/policy${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookieFor(user), ...headers },
      body: JSON.stringify(body),
    });
  return {
    get: async (user: PolicyUser, path = '') =>
      t.app.request(`/api/v1/policy${path}`, { headers: { cookie: await cookieFor(user) } }),
    propose: (user: PolicyUser, body: unknown, key?: string) =>
      post(user, '/changes', body, key === undefined ? {} : { 'idempotency-key': key }),
    approve: (user: PolicyUser, id: number, body: unknown) =>
      post(user, `/changes/${id}/approve`, body),
    reject: (user: PolicyUser, id: number, body: unknown) =>
      post(user, `/changes/${id}/reject`, body),
    cancel: (user: PolicyUser, id: number, body: unknown = {}) =>
      post(user, `/changes/${id}/cancel`, body),
    freshKey: () => `policy-${randomUUID()}`,
  };
}
