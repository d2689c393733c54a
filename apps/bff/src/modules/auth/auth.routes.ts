import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginRequestSchema, type AuthConfig, type Me } from '@watchfloor/shared/auth';
import type { AppEnv } from '../../http/app-env.ts';
import { parseJsonBody } from '../../http/read-json-body.ts';
import { AppError } from '../../http/app-error.ts';
import { sessionCookieName, sessionCookieOptions } from './auth-config.ts';
import { OIDC_LOGIN_PATH, oidcRoutes } from './oidc-routes.ts';
import { logout, resolveSession, signIn, type AuthDeps } from './session.service.ts';

export function authRoutes(deps: AuthDeps) {
  const cookieName = sessionCookieName(deps.config);
  const cookieOptions = sessionCookieOptions(deps.config);
  return new Hono<AppEnv>()
    .get('/auth/config', (c) =>
      c.json({
        data: {
          localLogin: deps.config.localLogin,
          sso: deps.config.oidc
            ? { providerName: deps.config.oidc.providerName, loginUrl: OIDC_LOGIN_PATH }
            : null,
        } satisfies AuthConfig,
      }),
    )
    .get('/auth/session', async (c) => {
      const sessionId = getCookie(c, cookieName);
      const me: Me | null = sessionId ? await resolveSession(deps, sessionId) : null;
      return c.json({ data: me });
    })
    .route('/auth/oidc', oidcRoutes(deps))
    .post('/auth/login', async (c) => {
      if (!deps.config.localLogin)
        throw new AppError(
          403,
          'forbidden',
          'Password sign-in is switched off: use single sign-on',
          {
            check: 'local_login',
          },
        );
      const credentials = await parseJsonBody(c, LoginRequestSchema, 'Invalid sign-in request');
      const { sessionId, me } = await signIn(
        deps,
        credentials,
        c.get('clientAddress'),
        getCookie(c, cookieName),
      );
      setCookie(c, cookieName, sessionId, cookieOptions);
      c.get('logger').info(
        { securityEvent: 'login', user: me.username, from: c.get('clientAddress') },
        'signed in',
      );
      return c.json({ data: me });
    })
    .post('/auth/logout', async (c) => {
      const sessionId = getCookie(c, cookieName);
      if (sessionId) await logout(deps, sessionId);
      deleteCookie(c, cookieName, { path: '/', secure: deps.config.secureCookies });
      return c.json({ data: { signedOut: true } });
    })
    .get('/me', (c) => c.json({ data: c.get('user') as Me }));
}
