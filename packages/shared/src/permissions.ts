import { z } from 'zod';
import { ROLES, type Role } from './auth.ts';

/**
 * What a signed-in user may do, by name. The BFF's route table names one per route and decides
 * every request; the web asks the same vocabulary which links and buttons to show.
 */
export const PERMISSIONS = [
  'session.use',
  'telemetry.read',
  'events.read',
  'actions.read',
  'actions.propose',
  'actions.decide',
  'actions.cancel',
  'actions.rollback',
  'actions.override_freeze',
  'incidents.acknowledge',
  'audit.read',
  'trends.read',
  'notifications.read',
  'teams.manage',
  'policy.read',
  'policy.change',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

const everyRole = ROLES;
const actors = ['operator', 'approver', 'admin'] as const;

/**
 * The roles holding each permission. Managers watch trends and the audit trail but do not act on
 * the fleet; approvers and admins may do everything an operator may, and decide. The order of a
 * list is the order a refusal names the roles in.
 */
const PERMISSION_HOLDERS: Record<Permission, readonly Role[]> = {
  'session.use': everyRole,
  'telemetry.read': everyRole,
  'events.read': actors,
  'actions.read': everyRole,
  'actions.propose': actors,
  'actions.decide': ['approver', 'admin'],
  'actions.cancel': actors,
  'actions.rollback': actors,
  // Proceeding through a change freeze is an exception an admin answers for, with a reason.
  'actions.override_freeze': ['admin'],
  'incidents.acknowledge': actors,
  'audit.read': ['approver', 'admin', 'manager'],
  'trends.read': ['manager', 'approver', 'admin'],
  'notifications.read': ['admin'],
  'teams.manage': ['admin'],
  // Policy changes are proposed and approved by admins only; approvers and managers may read them.
  'policy.read': ['approver', 'manager', 'admin'],
  'policy.change': ['admin'],
};

/** The roles holding `permission`, for a route table or a message naming who may. */
export function rolesHolding(permission: Permission): readonly Role[] {
  return PERMISSION_HOLDERS[permission];
}

/** Whether a user with these roles holds `permission`: one role holding it is enough. */
export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => PERMISSION_HOLDERS[permission].includes(role));
}
