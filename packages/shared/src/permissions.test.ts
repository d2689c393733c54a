import { describe, expect, it } from 'vitest';
import { ROLES } from './auth.ts';
import { can, PERMISSIONS, PermissionSchema, rolesHolding } from './permissions.ts';

describe('permission vocabulary', () => {
  it('gives every permission at least one holder, each a known role named once', () => {
    for (const permission of PERMISSIONS) {
      const holders = rolesHolding(permission);
      expect(holders.length, permission).toBeGreaterThan(0);
      expect(new Set(holders).size, permission).toBe(holders.length);
      for (const role of holders) expect(ROLES, permission).toContain(role);
    }
  });

  it('lets admins do everything and every signed-in role use its session and read the fleet', () => {
    for (const permission of PERMISSIONS) expect(can(['admin'], permission), permission).toBe(true);
    for (const role of ROLES) {
      expect(can([role], 'session.use')).toBe(true);
      expect(can([role], 'telemetry.read')).toBe(true);
    }
  });

  it('keeps managers watching: trends and audit, but no raw events and no actions', () => {
    expect(can(['manager'], 'trends.read')).toBe(true);
    expect(can(['manager'], 'audit.read')).toBe(true);
    expect(can(['manager'], 'events.read')).toBe(false);
    expect(can(['manager'], 'actions.propose')).toBe(false);
    expect(can(['operator'], 'actions.decide')).toBe(false);
    expect(can(['operator'], 'trends.read')).toBe(false);
  });

  it('grants a permission when any one of several roles holds it, and nothing without roles', () => {
    expect(can(['manager', 'operator'], 'events.read')).toBe(true);
    expect(can([], 'session.use')).toBe(false);
  });

  it('parses permission names at a boundary and refuses unknown ones', () => {
    expect(PermissionSchema.parse('audit.read')).toBe('audit.read');
    expect(PermissionSchema.safeParse('audit.write').success).toBe(false);
  });
});
