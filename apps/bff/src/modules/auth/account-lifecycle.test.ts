import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD } from '../../testing/test-app.ts';
import { setUserDisabled } from './users.repository.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

const login = (username: string, password = TEST_PASSWORD) =>
  t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
const cookieOf = (response: Response) =>
  (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const me = (cookie: string) => t.app.request('/api/v1/me', { headers: { cookie } });

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, {
    auth: { maxFailuresPerAccount: 1_000, maxFailuresPerAddress: 1_000 },
  });
});
afterAll(async () => db?.drop());

describe('disabling a user', () => {
  it('ends its sessions for good: re-enabling it does not revive them', async () => {
    const cookie = cookieOf(await login('operator2'));
    expect((await me(cookie)).status).toBe(200);
    await setUserDisabled(db.pool, 'operator2', true, Date.now());
    expect((await login('operator2')).status).toBe(401);
    await setUserDisabled(db.pool, 'operator2', false, Date.now());
    expect((await me(cookie)).status).toBe(401);
    const fresh = cookieOf(await login('operator2'));
    expect((await me(fresh)).status).toBe(200);
  });

  it('ends a session seen while its user was disabled behind the app’s back, for good', async () => {
    const cookie = cookieOf(await login('approver2'));
    await db.pool.query("UPDATE users SET disabled = 1 WHERE username = 'approver2'");
    expect((await me(cookie)).status).toBe(401);
    await db.pool.query("UPDATE users SET disabled = 0 WHERE username = 'approver2'");
    expect((await me(cookie)).status).toBe(401);
  });
});

describe('canonical usernames', () => {
  it('refuses a username with leading or trailing whitespace with 422 naming the field, never signing in as the trimmed user', async () => {
    for (const username of ['admin ', ' admin', 'admin\t', 'admin\n']) {
      const response = await login(username);
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        error: { code: string; details: { field: string; message: string }[] };
      };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details[0]).toMatchObject({ field: 'username' });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses a non-ASCII username or one with an unpaired surrogate with 422 naming the field', async () => {
    for (const username of ['adm\u00efn', 'admin\uD800', '\uDC00admin']) {
      const response = await login(username);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { details: { field: string }[] } };
      expect(body.error.details[0]).toMatchObject({ field: 'username' });
    }
  });
});
