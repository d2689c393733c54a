import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/app-env.ts';
import { AppError, forbidden, unauthenticated } from '../../http/app-error.ts';
import { requestHost, type HostPolicy } from '../../http/allowed-hosts.ts';
import { sessionCookieName } from './auth-config.ts';
import { INGEST_SCOPE, type IngestTokenVerifier } from './ingest-token.service.ts';
import { COMPILED_PERMISSIONS, type CompiledRoute } from './route-permissions.ts';
import { resolveSession, type AuthDeps } from './session.service.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authorises every /api request against the route table: public, ingest token, or a session
 * holding one of the listed roles. A real route missing from the table is refused (fail closed);
 * an unknown path falls through to 404. Session mutations must be JSON from our own origin (CSRF).
 */
export function authorize(
  deps: AuthDeps & {
    tokens: IngestTokenVerifier;
    appRoutes: () => CompiledRoute[];
    /** The allowed hosts: an Origin must name one of them, not merely whatever Host says. */
    hosts: HostPolicy;
  },
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Hono answers HEAD with the GET handler, so HEAD must pass the same checks as GET.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const path = c.req.path;
    const entry = COMPILED_PERMISSIONS.find((p) => p.method === method && p.pattern.test(path));
    if (!entry) {
      if (
        deps
          .appRoutes()
          .some((r) => (r.method === method || r.method === 'ALL') && r.pattern.test(path))
      )
        throw forbidden('This route is not open to anyone');
      return next();
    }
    const access = entry.access;
    if (access.kind === 'ingest') {
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const token = bearer ? await deps.tokens.verify(bearer, INGEST_SCOPE) : null;
      if (!token)
        throw unauthenticated('A valid ingest token is required (Authorization: Bearer <token>)');
      c.set('ingestTokenId', token.id);
      return next();
    }
    if (MUTATING.has(method))
      requireSameOriginJson(
        c.req.header('content-type'),
        c.req.header('origin'),
        c.req.header('sec-fetch-site'),
        requestHost(c.req.header('host'), c.req.url),
        deps.hosts,
      );
    if (access.kind === 'public') return next();
    const sessionId = getCookie(c, sessionCookieName(deps.config));
    const user = sessionId ? await resolveSession(deps, sessionId) : null;
    if (!user) throw unauthenticated('Sign in to continue');
    c.set('user', user);
    if (!user.roles.some((role) => access.roles.includes(role))) {
      throw forbidden(`Requires one of the roles: ${access.roles.join(', ')}`);
    }
    return next();
  });
}

function requireSameOriginJson(
  contentType: string | undefined,
  origin: string | undefined,
  fetchSite: string | undefined,
  host: string,
  hosts: HostPolicy,
): void {
  if (!/^application\/json\b/i.test(contentType ?? ''))
    throw new AppError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  if (origin !== undefined) {
    const from = originHost(origin);
    // Same origin means the very host and port the request was sent to, and that host allowed.
    if (!from || from !== host.toLowerCase() || !hosts.allows(from))
      throw forbidden('Cross-origin request refused');
  } else if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw forbidden('Cross-site request refused');
  }
}

/** The host an Origin header names; null for an opaque origin (`null`) or one that does not parse. */
function originHost(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
