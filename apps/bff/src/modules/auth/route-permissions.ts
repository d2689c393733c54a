import type { Role } from '@watchfloor/shared/auth';
import { rolesHolding, type Permission } from '@watchfloor/shared/permissions';

/**
 * Who may call a route: anyone, an ingest token, or a session holding the named permission (its
 * `roles` are the permission's holders, spelled out for the check and the refusal message).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'ingest' }
  | { kind: 'session'; permission: Permission; roles: readonly Role[] };

const anyone: Access = { kind: 'public' };
const ingestToken: Access = { kind: 'ingest' };
const requires = (permission: Permission): Access => ({
  kind: 'session',
  permission,
  roles: rolesHolding(permission),
});

/**
 * The one table of API permissions, keyed "METHOD /path/template". A route that exists in the app
 * but not here is refused for everyone; the authorisation test fails when one is missing.
 */
export const ROUTE_PERMISSIONS: Record<string, Access> = {
  'POST /api/v1/auth/login': anyone,
  'GET /api/v1/auth/config': anyone,
  'GET /api/v1/auth/session': anyone,
  'GET /api/v1/auth/oidc/login': anyone,
  'GET /api/v1/auth/oidc/callback': anyone,
  'POST /api/v1/auth/logout': requires('session.use'),
  'GET /api/v1/me': requires('session.use'),
  'POST /api/v1/ingest/events': ingestToken,
  'POST /api/v1/ingest/alertmanager': ingestToken,
  'POST /api/v1/ingest/changes': ingestToken,
  'POST /v1/traces': ingestToken,
  'GET /api/v1/quality': requires('telemetry.read'),
  'GET /api/v1/overview': requires('telemetry.read'),
  'GET /api/v1/segments/:segmentId': requires('telemetry.read'),
  'GET /api/v1/entities/:entityId': requires('telemetry.read'),
  'GET /api/v1/series': requires('telemetry.read'),
  'GET /api/v1/events': requires('events.read'),
  'GET /api/v1/actions': requires('actions.read'),
  'POST /api/v1/actions': requires('actions.propose'),
  'GET /api/v1/actions/inbox': requires('actions.read'),
  'GET /api/v1/actions/:actionId': requires('actions.read'),
  'POST /api/v1/actions/:actionId/approve': requires('actions.decide'),
  'POST /api/v1/actions/:actionId/reject': requires('actions.decide'),
  'POST /api/v1/actions/:actionId/cancel': requires('actions.cancel'),
  'POST /api/v1/actions/:actionId/rollback': requires('actions.rollback'),
  'GET /api/v1/acknowledgements': requires('telemetry.read'),
  'POST /api/v1/acknowledgements': requires('incidents.acknowledge'),
  'GET /api/v1/audit': requires('audit.read'),
  'GET /api/v1/audit/verify': requires('audit.read'),
  'GET /api/v1/trends': requires('trends.read'),
  'GET /api/v1/notifications': requires('notifications.read'),
  'PUT /api/v1/segments/:segmentId/owner': requires('teams.manage'),
  'PUT /api/v1/users/:username/teams': requires('teams.manage'),
  'GET /api/v1/assist/why': requires('telemetry.read'),
  'GET /api/v1/assist/:id': requires('telemetry.read'),
  'GET /api/v1/policy': requires('policy.read'),
  'GET /api/v1/policy/changes': requires('policy.read'),
  'GET /api/v1/policy/changes/:changeId': requires('policy.read'),
  'POST /api/v1/policy/changes': requires('policy.change'),
  'POST /api/v1/policy/changes/:changeId/approve': requires('policy.change'),
  'POST /api/v1/policy/changes/:changeId/reject': requires('policy.change'),
  'POST /api/v1/policy/changes/:changeId/cancel': requires('policy.change'),
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
