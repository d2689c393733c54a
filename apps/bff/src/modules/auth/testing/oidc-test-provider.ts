import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type IdTokenInstance, type ProviderContext } from 'oidc-provider';

/** The accounts of the test provider: their ID-token claims. */
export const TEST_ACCOUNTS: Record<string, Record<string, unknown>> = {
  'alice-sub': {
    preferred_username: 'alice',
    name: 'Alice Ops',
    groups: ['wf-operators', 'staff'],
  },
  'mallory-sub': { preferred_username: 'mallory', name: 'Mallory', groups: ['contractors'] },
  // Claims the name of a local account of the test app.
  'squatter-sub': { preferred_username: 'admin', name: 'Not the admin', groups: ['wf-operators'] },
};

export const TEST_CLIENT = { id: 'watchfloor', secret: 'watchfloor-test-client-secret-0123' };

export interface TestProvider {
  issuer: string;
  /** While set, ID tokens are minted for this audience instead of the client that asked. */
  mintForAudience(audience: string | undefined): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on a free loopback port: one confidential client whose
 * redirect URL is given, PKCE required, consent granted without asking, the dev login form.
 */
export async function startTestProvider(redirectUrl: string): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [redirectUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }],
    },
    cookies: { keys: ['test-provider-cookie-key'] },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 3_600,
      AccessToken: 600,
      Grant: 600,
      Interaction: 600,
      Session: 600,
    },
    pkce: { required: () => true, methods: ['S256'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
    // Like the usual providers' group mappers: the claims ride in the ID token.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, accountId: string) =>
      TEST_ACCOUNTS[accountId]
        ? { accountId, claims: () => ({ sub: accountId, ...TEST_ACCOUNTS[accountId] }) }
        : undefined,
    // Consent is taken as given: the tests drive only the provider's login form.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['name', 'preferred_username', 'groups']);
      await grant.save();
      return grant;
    },
    renderError: (ctx: { body: unknown }, out: unknown) => {
      ctx.body = out;
    },
  });
  let audience: string | undefined;
  const issue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = function (this: IdTokenInstance, options?: unknown) {
    if (audience) {
      const forged = audience;
      this.client = new Proxy(this.client, {
        get: (target, key) => (key === 'clientId' ? forged : Reflect.get(target, key)),
      });
    }
    return issue.call(this, options);
  };
  server.on('request', provider.callback());
  return {
    issuer,
    mintForAudience: (value) => {
      audience = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies, by name (path and expiry ignored: one test, one origin each). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/**
 * Follows the provider's redirects from the authorization URL, signing in through its login form
 * as the account, until it sends the browser back to the app; returns that callback URL.
 */
export async function signInAtProvider(authorizationUrl: string, accountId: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.origin !== origin) return url;
    const interaction = /^\/interaction\/[^/]+$/.test(url.pathname);
    const response = await fetch(url, {
      method: interaction ? 'POST' : 'GET',
      headers: {
        cookie: jar.header(),
        ...(interaction ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: interaction ? new URLSearchParams({ prompt: 'login', login: accountId }) : undefined,
      redirect: 'manual',
    });
    jar.take(response);
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `provider stopped at ${url.pathname}: ${response.status} ${await response.text()}`,
      );
    url = new URL(location, url);
  }
  throw new Error('too many redirects at the provider');
}
