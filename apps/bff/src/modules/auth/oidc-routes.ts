import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import type { AppEnv } from '../../http/app-env.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { sessionCookieName, sessionCookieOptions } from './auth-config.ts';
import { userForClaims } from './oidc-account.ts';
import { OidcClient } from './oidc-client.ts';
import { keepTransaction, takeTransaction, TRANSACTION_TTL_MS } from './oidc-transaction.ts';
import { issueSession, logout, type AuthDeps } from './session.service.ts';

export const OIDC_LOGIN_PATH = '/api/v1/auth/oidc/login';

/**
 * Single sign-on, authorization code with PKCE: /login sends the browser to the provider, which
 * sends it back to /callback; there the code is redeemed, the ID token checked, the user created
 * or updated and a session issued exactly as a password sign-in does. 404 while SSO is off.
 */
export function oidcRoutes(deps: AuthDeps) {
  const settings = deps.config.oidc;
  const provider = settings ? new OidcClient(settings) : undefined;
  const secure = deps.config.secureCookies;
  const now = () => deps.now?.() ?? Date.now();
  const requireSso = () => {
    if (!settings || !provider) throw notFound('Single sign-on is not configured on this server');
    return { settings, provider };
  };

  return new Hono<AppEnv>()
    .get('/login', async (c) => {
      const { settings, provider } = requireSso();
      const transaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        expiresAt: now() + TRANSACTION_TTL_MS,
      };
      const target = await provider.authorizationUrl(transaction);
      await keepTransaction(c, settings.transactionSecret, secure, transaction);
      return c.redirect(target.href, 302);
    })
    .get('/callback', async (c) => {
      const { settings, provider } = requireSso();
      const transaction = await takeTransaction(c, settings.transactionSecret, secure, now());
      // Checked here as well as by the library, so a forged or stale return is refused before
      // the code is spent at the provider.
      if (c.req.query('state') !== transaction.state)
        throw new AppError(401, 'unauthenticated', 'The sign-in state does not match', {
          check: 'state',
        });
      const claims = await provider.redeem(new URL(c.req.url), transaction);
      const user = await userForClaims(deps.pool, settings, claims, now());
      const cookieName = sessionCookieName(deps.config);
      const sessionId = await issueSession(deps, user.id, c.get('clientAddress'), now());
      // A new id at every sign-in: a cookie planted before it never becomes a live session.
      const presented = getCookie(c, cookieName);
      if (presented) await logout(deps, presented);
      setCookie(c, cookieName, sessionId, sessionCookieOptions(deps.config));
      c.get('logger').info(
        {
          securityEvent: 'login',
          method: 'oidc',
          user: user.username,
          from: c.get('clientAddress'),
        },
        'signed in',
      );
      return c.redirect(settings.afterLoginPath, 302);
    });
}
