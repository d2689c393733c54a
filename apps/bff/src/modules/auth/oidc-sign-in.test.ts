import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import type { AuthConfig } from './auth-config.ts';
import { parseRoleMap, parseTeamMap, type OidcSettings } from './oidc-settings.ts';
import {
  CookieJar,
  signInAtProvider,
  startTestProvider,
  TEST_CLIENT,
  type TestProvider,
} from './testing/oidc-test-provider.ts';

const REDIRECT_URL = 'http://localhost/api/v1/auth/oidc/callback';

let db: TestDatabase;
let provider: TestProvider;
let t: TestApp;

const settings = (overrides: Partial<OidcSettings> = {}): OidcSettings => ({
  issuer: provider.issuer,
  clientId: TEST_CLIENT.id,
  clientSecret: TEST_CLIENT.secret,
  redirectUrl: REDIRECT_URL,
  providerName: 'Test IdP',
  rolesClaim: 'groups',
  roleMap: parseRoleMap('wf-operators:operator,wf-approvers:approver'),
  transactionSecret: 'test-transaction-secret-0123',
  afterLoginPath: '/',
  ...overrides,
});
const appWith = (auth: Partial<AuthConfig>) => createTestApp(db, { auth });

beforeAll(async () => {
  db = await createTestDatabase();
  provider = await startTestProvider(REDIRECT_URL);
  t = await appWith({ oidc: settings() });
});
afterAll(async () => {
  await provider?.close();
  await db?.drop();
});

/** The first leg: the app's redirect to the provider, and the browser's cookies after it. */
async function startSignIn(app: TestApp['app']) {
  const jar = new CookieJar();
  const response = await app.request('/api/v1/auth/oidc/login');
  expect(response.status).toBe(302);
  jar.take(response);
  return { authorizationUrl: response.headers.get('location') ?? '', jar };
}

/** The whole sign-in up to the provider's redirect back to the app (not yet followed). */
async function throughProvider(app: TestApp['app'], accountId: string) {
  const { authorizationUrl, jar } = await startSignIn(app);
  return { callbackUrl: await signInAtProvider(authorizationUrl, accountId), jar };
}

const returnTo = (app: TestApp['app'], url: URL, jar: CookieJar) =>
  app.request(url.pathname + url.search, { headers: { cookie: jar.header() } });

const sessionCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith('wf_session='))
    ?.split(';')[0];

const sessionCount = async () => {
  const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM sessions');
  return Number((rows as { n: number }[])[0]?.n);
};

/** Asserts a refusal: the status, the check named in the JSON error, and no session. */
async function expectRefused(response: Response, status: number, check: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { details?: { check?: string } } };
  expect(body.error.details?.check).toBe(check);
  expect(sessionCookieOf(response)).toBeUndefined();
}

describe('single sign-on against a real OpenID provider', () => {
  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const { authorizationUrl, jar } = await startSignIn(t.app);
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('client_id')).toBe(TEST_CLIENT.id);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(jar.get('wf_oidc')).toBeTruthy();
  });

  it('signs a user in: the mapped role, a normal session cookie, a protected API that answers', async () => {
    const before = await sessionCount();
    const { callbackUrl, jar } = await throughProvider(t.app, 'alice-sub');
    const response = await returnTo(t.app, callbackUrl, jar);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const cookie = sessionCookieOf(response);
    expect(cookie).toBeTruthy();
    expect(response.headers.getSetCookie().find((c) => c.startsWith('wf_session='))).toMatch(
      /HttpOnly/i,
    );
    expect(await sessionCount()).toBe(before + 1);
    const me = await t.app.request('/api/v1/me', { headers: { cookie: cookie! } });
    expect(await me.json()).toEqual({
      data: { username: 'alice', displayName: 'Alice Ops', roles: ['operator'], teams: ['*'] },
    });
    const actions = await t.app.request('/api/v1/actions', { headers: { cookie: cookie! } });
    expect(actions.status).toBe(200);
  });

  it('puts the user in the teams their groups map to, and limits them to those teams', async () => {
    const teamed = await appWith({
      oidc: settings({ teamMap: parseTeamMap('staff:team-payments,contractors:*') }),
    });
    const { callbackUrl, jar } = await throughProvider(teamed.app, 'alice-sub');
    const cookie = sessionCookieOf(await returnTo(teamed.app, callbackUrl, jar));
    const me = await teamed.app.request('/api/v1/me', { headers: { cookie: cookie! } });
    expect(((await me.json()) as { data: { teams: string[] } }).data.teams).toEqual([
      'team-payments',
    ]);
  });

  it('refuses an ID token minted for another client (audience)', async () => {
    provider.mintForAudience('another-application');
    try {
      const { callbackUrl, jar } = await throughProvider(t.app, 'alice-sub');
      const before = await sessionCount();
      await expectRefused(await returnTo(t.app, callbackUrl, jar), 401, 'aud');
      expect(await sessionCount()).toBe(before);
    } finally {
      provider.mintForAudience(undefined);
    }
  });

  it('refuses an expired ID token', async () => {
    // The app's clock two hours ahead of the provider's: the one-hour ID token has expired.
    const later = await appWith({ oidc: settings({ now: () => Date.now() + 2 * 3_600_000 }) });
    const { callbackUrl, jar } = await throughProvider(later.app, 'alice-sub');
    const before = await sessionCount();
    await expectRefused(await returnTo(later.app, callbackUrl, jar), 401, 'exp');
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a return whose state is not the one this browser was sent with', async () => {
    const { callbackUrl, jar } = await throughProvider(t.app, 'alice-sub');
    callbackUrl.searchParams.set('state', 'forged-state');
    await expectRefused(await returnTo(t.app, callbackUrl, jar), 401, 'state');
  });

  it('refuses a return in a browser that never started a sign-in', async () => {
    const { callbackUrl } = await throughProvider(t.app, 'alice-sub');
    await expectRefused(await returnTo(t.app, callbackUrl, new CookieJar()), 401, 'transaction');
  });

  it('refuses a code used twice, even with the same browser cookies', async () => {
    const { callbackUrl, jar } = await throughProvider(t.app, 'alice-sub');
    const replayCookies = jar.header();
    const first = await returnTo(t.app, callbackUrl, jar);
    expect(sessionCookieOf(first)).toBeTruthy();
    const before = await sessionCount();
    const replay = await t.app.request(callbackUrl.pathname + callbackUrl.search, {
      headers: { cookie: replayCookies },
    });
    await expectRefused(replay, 401, 'code');
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a user whose groups map to no role, and stores no user', async () => {
    const { callbackUrl, jar } = await throughProvider(t.app, 'mallory-sub');
    await expectRefused(await returnTo(t.app, callbackUrl, jar), 403, 'roles');
    const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM users WHERE username = ?', [
      'mallory',
    ]);
    expect(Number((rows as { n: number }[])[0]?.n)).toBe(0);
  });

  it('never lets a provider account take over a local account of the same name', async () => {
    const { callbackUrl, jar } = await throughProvider(t.app, 'squatter-sub');
    const response = await returnTo(t.app, callbackUrl, jar);
    expect(response.status).toBe(409);
    expect(sessionCookieOf(response)).toBeUndefined();
    const local = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
    });
    expect(((await local.json()) as { data: { roles: string[] } }).data.roles).toEqual(['admin']);
  });
});

describe('sign-in options', () => {
  it('tells the SPA that SSO is on, and refuses password sign-in when local login is off', async () => {
    const ssoOnly = await appWith({ oidc: settings(), localLogin: false });
    const config = await ssoOnly.app.request('/api/v1/auth/config');
    expect(await config.json()).toEqual({
      data: {
        localLogin: false,
        sso: { providerName: 'Test IdP', loginUrl: '/api/v1/auth/oidc/login' },
      },
    });
    const password = await ssoOnly.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: TEST_PASSWORD }),
    });
    await expectRefused(password, 403, 'local_login');
  });

  it('reports SSO off and answers its routes with 404 when no provider is configured', async () => {
    const local = await appWith({});
    expect(await (await local.app.request('/api/v1/auth/config')).json()).toEqual({
      data: { localLogin: true, sso: null },
    });
    expect((await local.app.request('/api/v1/auth/oidc/login')).status).toBe(404);
  });
});
