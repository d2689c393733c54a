import type { Role } from '@watchfloor/shared/auth';
import { ROLES } from '@watchfloor/shared/auth';

/** Who may call a route: anyone, an ingest token, or a session holding one of the roles. */
export type Access =
  { kind: 'public' } | { kind: 'ingest' } | { kind: 'session'; roles: readonly Role[] };

const anyone: Access = { kind: 'public' };
const ingestToken: Access = { kind: 'ingest' };
const roles = (...allowed: Role[]): Access => ({ kind: 'session', roles: allowed });
const everyRole = roles(...ROLES);

/**
 * The one table of API permissions, keyed "METHOD /path/template". A route that exists in the app
 * but not here is refused for everyone; the authorisation test fails when one is missing.
 */
export const ROUTE_PERMISSIONS: Record<string, Access> = {
  'POST /api/v1/auth/login': anyone,
  'POST /api/v1/auth/logout': everyRole,
  'GET /api/v1/me': everyRole,
  'POST /api/v1/ingest/events': ingestToken,
  'GET /api/v1/quality': everyRole,
  'GET /api/v1/overview': everyRole,
  'GET /api/v1/segments/:segmentId': everyRole,
  'GET /api/v1/entities/:entityId': everyRole,
  'GET /api/v1/series': everyRole,
  'GET /api/v1/events': roles('operator', 'approver', 'admin'),
  'GET /api/v1/actions': everyRole,
  'POST /api/v1/actions': roles('operator', 'approver', 'admin'),
  'GET /api/v1/actions/:actionId': everyRole,
  'POST /api/v1/actions/:actionId/approve': roles('approver', 'admin'),
  'POST /api/v1/actions/:actionId/reject': roles('approver', 'admin'),
  'POST /api/v1/actions/:actionId/cancel': roles('operator', 'approver', 'admin'),
  'POST /api/v1/actions/:actionId/rollback': roles('operator', 'approver', 'admin'),
  'GET /api/v1/audit': roles('approver', 'admin', 'manager'),
  'GET /api/v1/audit/verify': roles('approver', 'admin', 'manager'),
  'GET /api/v1/trends': roles('manager', 'approver', 'admin'),
};

export interface CompiledRoute {
  method: string;
  template: string;
  pattern: RegExp;
}

export function compileRoute(method: string, template: string): CompiledRoute {
  const pattern = new RegExp(
    `^${template
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\\?:[A-Za-z]+/g, '[^/]+')
      .replace(/\/$/, '')}/?$`,
  );
  return { method, template, pattern };
}

export const COMPILED_PERMISSIONS = Object.entries(ROUTE_PERMISSIONS).map(([key, access]) => {
  const [method, template] = key.split(' ') as [string, string];
  return { ...compileRoute(method, template), access };
});
