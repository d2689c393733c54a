import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginRequestSchema, type Me } from '@watchfloor/shared/auth';
import type { AppEnv } from '../../http/app-env.ts';
import { parseJsonBody } from '../../http/read-json-body.ts';
import { sessionCookieName } from './auth-config.ts';
import { logout, signIn, type AuthDeps } from './session.service.ts';

export function authRoutes(deps: AuthDeps) {
  const cookieName = sessionCookieName(deps.config);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: Math.floor(deps.config.absoluteTimeoutMs / 1000),
  };
  return new Hono<AppEnv>()
    .post('/auth/login', async (c) => {
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
