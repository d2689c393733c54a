import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD } from '../../testing/test-app.ts';
import { setUserRoles } from './users.repository.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
const cookieOf = (response: Response) =>
  (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const me = (cookie: string) => t.app.request('/api/v1/me', { headers: { cookie } });

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, {
    auth: { maxFailuresPerAccount: 3, maxFailuresPerAddress: 100, trustedProxies: [] },
  });
});
afterAll(async () => db?.drop());

describe('sessions', () => {
  it('signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie with ≥128-bit id', async () => {
    const response = await login('operator', TEST_PASSWORD);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { username: 'operator', displayName: 'operator', roles: ['operator'], teams: ['*'] },
    });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(cookieOf(response).split('=')[1]!.length).toBeGreaterThanOrEqual(43);
    expect((await me(cookieOf(response))).status).toBe(200);
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = (await (await login('approver', 'nope')).json()) as {
      error: { message: string };
    };
    const unknown = (await (await login('nobody', 'nope')).json()) as {
      error: { message: string };
    };
    expect(wrong.error.message).toBe(unknown.error.message);
  });

  it('issues a new session id at every sign-in and revokes the one presented', async () => {
    const first = cookieOf(await login('manager', TEST_PASSWORD));
    const second = cookieOf(await login('manager', TEST_PASSWORD, { cookie: first }));
    expect(second).not.toBe(first);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
  });

  it('revokes the session at logout: replaying the old cookie gets 401', async () => {
    const cookie = cookieOf(await login('admin', TEST_PASSWORD));
    const out = await t.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
  });

  it('ends existing sessions when the user roles change', async () => {
    const cookie = cookieOf(await login('approver', TEST_PASSWORD));
    expect((await me(cookie)).status).toBe(200);
    // Stamped just after that session began (a stamp from this process's clock could fall in the
    // same millisecond as the fresh sign-in below and end it too).
    const [rows] = await db.pool.query(
      "SELECT MAX(s.created_at) AS at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'approver'",
    );
    const sessionBegan = Number((rows as { at: number | string }[])[0]!.at);
    await setUserRoles(db.pool, 'approver', ['approver', 'operator'], sessionBegan + 1);
    expect((await me(cookie)).status).toBe(401);
    const fresh = cookieOf(await login('approver', TEST_PASSWORD));
    expect(((await (await me(fresh)).json()) as { data: { roles: string[] } }).data.roles).toEqual([
      'approver',
      'operator',
    ]);
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const cookie = cookieOf(await login('admin', TEST_PASSWORD));
    expect((await me(cookie)).status).toBe(200);
    await db.pool.query(
      'UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE revoked_at IS NULL',
      [3 * 3_600_000],
    );
    expect((await me(cookie)).status).toBe(401);
  });

  it('rate-limits failed sign-ins per account with 429 and Retry-After; a spoofed X-Forwarded-For does not help', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('operator', 'bad', { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(
        401,
      );
    const limited = await login('operator', TEST_PASSWORD, { 'x-forwarded-for': '10.9.9.9' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('CSRF and content type on mutations', () => {
  it('refuses a cross-origin sign-out and a text/plain body', async () => {
    const cookie = cookieOf(await login('manager', TEST_PASSWORD));
    const cross = await t.app.request('http://localhost/api/v1/auth/logout', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        origin: 'http://evil.example',
        host: 'localhost',
      },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    const plain = await t.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    const site = await t.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    expect(site.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
  });

  it('accepts a same-origin JSON mutation', async () => {
    const cookie = cookieOf(await login('manager', TEST_PASSWORD));
    const ok = await t.app.request('http://localhost/api/v1/auth/logout', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        origin: 'http://localhost',
        host: 'localhost',
      },
      body: '{}',
    });
    expect(ok.status).toBe(200);
  });
});
