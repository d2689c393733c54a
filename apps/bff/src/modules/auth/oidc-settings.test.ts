import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../env.ts';
import { parseRoleMap, parseTeamMap, rolesForGroups, teamsForGroups } from './oidc-settings.ts';

const BASE = { MYSQL_URL: 'mysql://root@127.0.0.1:3306/watchfloor' };
const SSO = {
  ...BASE,
  WATCHFLOOR_OIDC_ISSUER: 'https://sso.example.com/realms/ops',
  WATCHFLOOR_OIDC_CLIENT_ID: 'watchfloor',
  WATCHFLOOR_OIDC_REDIRECT_URL: 'https://watchfloor.example.com/api/v1/auth/oidc/callback',
  WATCHFLOOR_OIDC_ROLE_MAP: 'wf-operators:operator',
};

describe('role map', () => {
  it('maps groups to roles, a group repeated to grant several', () => {
    const map = parseRoleMap('wf-ops:operator, wf-leads:operator,wf-leads:approver');
    expect(Object.fromEntries(map)).toEqual({
      'wf-ops': ['operator'],
      'wf-leads': ['operator', 'approver'],
    });
  });

  it('refuses an entry that is not group:role with a known role', () => {
    expect(() => parseRoleMap('wf-ops:superuser')).toThrow(/wf-ops:superuser/);
    expect(() => parseRoleMap('operator')).toThrow(/"operator"/);
  });

  it('grants the roles of every listed group, from a list or a single string, ignoring the rest', () => {
    const roleMap = parseRoleMap('a:approver,b:operator');
    expect(rolesForGroups(roleMap, ['b', 'a', 'unmapped', 7])).toEqual(['operator', 'approver']);
    expect(rolesForGroups(roleMap, 'a')).toEqual(['approver']);
    expect(rolesForGroups(roleMap, undefined)).toEqual([]);
  });
});

describe('team map', () => {
  it('maps groups to teams; * makes a group fleet-wide; no map keeps everyone fleet-wide', () => {
    const teamMap = parseTeamMap('pay:team-payments,search:team-search,sre:*');
    expect(teamsForGroups(teamMap, ['search', 'pay', 'other'])).toEqual([
      'team-payments',
      'team-search',
    ]);
    expect(teamsForGroups(teamMap, ['pay', 'sre'])).toEqual(['*']);
    expect(teamsForGroups(teamMap, ['other'])).toEqual([]);
    expect(teamsForGroups(undefined, ['other'])).toEqual(['*']);
  });

  it('refuses an entry that is not group:team', () => {
    expect(() => parseTeamMap('pay:team payments')).toThrow(/pay:team payments/);
  });
});

describe('configuration', () => {
  it('refuses a role or team map with a bad entry, naming the variable and the entry', () => {
    expect(() => loadEnv({ ...SSO, WATCHFLOOR_OIDC_ROLE_MAP: 'wf-ops:superuser' })).toThrow(
      /WATCHFLOOR_OIDC_ROLE_MAP.*wf-ops:superuser/s,
    );
    expect(() => loadEnv({ ...SSO, WATCHFLOOR_OIDC_TEAM_MAP: 'pay:team payments' })).toThrow(
      /WATCHFLOOR_OIDC_TEAM_MAP.*pay:team payments/s,
    );
  });

  it('accepts a complete single sign-on set-up with local login off', () => {
    const env = loadEnv({ ...SSO, WATCHFLOOR_LOCAL_LOGIN: '0' });
    expect(env.WATCHFLOOR_LOCAL_LOGIN).toBe(false);
    expect(env.WATCHFLOOR_OIDC_ROLES_CLAIM).toBe('groups');
  });

  it('names what a half-configured single sign-on lacks', () => {
    expect(() => loadEnv({ ...SSO, WATCHFLOOR_OIDC_CLIENT_ID: undefined })).toThrow(
      /WATCHFLOOR_OIDC_CLIENT_ID/,
    );
    expect(() => loadEnv({ ...SSO, WATCHFLOOR_OIDC_ROLE_MAP: '' })).toThrow(/ROLE_MAP/);
    expect(() => loadEnv({ ...SSO, WATCHFLOOR_OIDC_ROLE_MAP: 'x:root' })).toThrow(/ROLE_MAP/);
  });

  it('refuses switching local login off without single sign-on', () => {
    expect(() => loadEnv({ ...BASE, WATCHFLOOR_LOCAL_LOGIN: '0' })).toThrow(/nobody can sign in/);
  });
});
