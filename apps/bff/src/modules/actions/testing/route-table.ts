import { ROLES, type Role } from '@watchfloor/shared/auth';
import { COMPILED_PERMISSIONS, compileRoute, type Access } from '../../auth/route-permissions.ts';

const roles = (...allowed: Role[]): Access => ({ kind: 'session', roles: allowed });

/** The entries these modules need in ROUTE_PERMISSIONS (a local copy until the table lists them). */
export const ACTION_AND_AUDIT_PERMISSIONS: Record<string, Access> = {
  'GET /api/v1/actions': roles(...ROLES),
  'POST /api/v1/actions': roles('operator', 'approver', 'admin'),
  'GET /api/v1/actions/:actionId': roles(...ROLES),
  'POST /api/v1/actions/:actionId/approve': roles('approver', 'admin'),
  'POST /api/v1/actions/:actionId/reject': roles('approver', 'admin'),
  'POST /api/v1/actions/:actionId/cancel': roles('operator', 'approver', 'admin'),
  'POST /api/v1/actions/:actionId/rollback': roles('operator', 'approver', 'admin'),
  'GET /api/v1/audit': roles('approver', 'admin', 'manager'),
  'GET /api/v1/audit/verify': roles('approver', 'admin', 'manager'),
};

/**
 * Adds the entries above to the live route table when it does not list them yet, so tests run
 * through the real authorisation middleware. Once route-permissions.ts carries them, this adds nothing.
 */
export function ensureRoutePermissions(): void {
  for (const [key, access] of Object.entries(ACTION_AND_AUDIT_PERMISSIONS)) {
    const [method, template] = key.split(' ') as [string, string];
    if (!COMPILED_PERMISSIONS.some((p) => p.method === method && p.template === template))
      COMPILED_PERMISSIONS.push({ ...compileRoute(method, template), access });
  }
}
