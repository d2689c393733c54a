import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginRequestSchema, type Me } from '@watchfloor/shared/auth';
import { fieldIssues } from '@watchfloor/shared/errors';
import type { AppEnv } from '../../http/app-env.ts';
import { validationFailed } from '../../http/app-error.ts';
import { readJsonBody } from '../../http/read-json-body.ts';
import { sessionCookieName } from './auth-config.ts';
import { login, logout, type AuthDeps } from './session.service.ts';

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
      const parsed = LoginRequestSchema.safeParse(await readJsonBody(c));
      if (!parsed.success)
        throw validationFailed('Invalid sign-in request', fieldIssues(parsed.error.issues));
      const previous = getCookie(c, cookieName);
      const { sessionId, user } = await login(
        deps,
        parsed.data.username,
        parsed.data.password,
        c.get('clientAddress'),
      );
      // A new id at every sign-in: a cookie planted before sign-in never becomes a live session.
      if (previous) await logout(deps, previous);
      setCookie(c, cookieName, sessionId, cookieOptions);
      const me: Me = { username: user.username, displayName: user.displayName, roles: user.roles };
      c.get('logger').info(
        { securityEvent: 'login', user: user.username, from: c.get('clientAddress') },
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
