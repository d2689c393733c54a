import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionAnswerSchema } from '@watchfloor/shared/auth';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD } from '../../testing/test-app.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

const session = (cookie?: string) =>
  t.app.request('/api/v1/auth/session', { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

describe('GET /api/v1/auth/session', () => {
  it('answers 200 with null for a browser that is not signed in, or whose session is unknown', async () => {
    for (const response of [
      await session(),
      await session('wf_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    ]) {
      expect(response.status).toBe(200);
      expect(SessionAnswerSchema.parse(await response.json())).toEqual({ data: null });
    }
  });

  it('names the signed-in user, and null again once they signed out', async () => {
    const login = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const signedIn = SessionAnswerSchema.parse(await (await session(cookie)).json());
    expect(signedIn.data).toEqual({
      username: 'operator',
      displayName: 'operator',
      roles: ['operator'],
      teams: ['*'],
    });
    await t.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
    });
    expect(SessionAnswerSchema.parse(await (await session(cookie)).json())).toEqual({
      data: null,
    });
  });
});
