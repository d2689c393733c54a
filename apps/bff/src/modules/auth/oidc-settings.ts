import { RoleSchema, type Role } from '@watchfloor/shared/auth';
import { ALL_TEAMS, TeamNameSchema } from '@watchfloor/shared/teams';

/**
 * Single sign-on with an OpenID provider (authorization code + PKCE). Built from the
 * WATCHFLOOR_OIDC_* variables by oidcSettingsFromEnv; absent when SSO is off.
 */
export interface OidcSettings {
  /** Issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, no client authentication). */
  clientSecret?: string;
  /** Where the provider sends the browser back: this server's /api/v1/auth/oidc/callback. */
  redirectUrl: string;
  /** Shown on the sign-in button ("Sign in with …"). */
  providerName: string;
  /** The ID-token claim holding the user's groups (a string or a list of strings). */
  rolesClaim: string;
  /** Group → roles; a user whose groups map to no role is refused. */
  roleMap: ReadonlyMap<string, readonly Role[]>;
  /** Group → teams (`*`: every team); absent, every SSO user is fleet-wide. */
  teamMap?: ReadonlyMap<string, readonly string[]>;
  /** Signs the short-lived cookie carrying state, nonce and PKCE verifier between the two legs. */
  transactionSecret: string;
  /** Where the SPA is entered after sign-in (a same-origin path). */
  afterLoginPath: string;
  /** The client's clock (default Date.now); read once, when the provider is discovered. */
  now?: () => number;
}

/**
 * Parses `group:role,group:role,…` (a group may appear more than once to grant several roles).
 * Throws naming the first entry that is not `group:role` with a known role.
 */
export function parseRoleMap(text: string): Map<string, Role[]> {
  return parseGroupMap(
    text,
    (value) => RoleSchema.safeParse(value).data,
    `group:role with a role of ${RoleSchema.options.join(', ')}`,
  );
}

/** Parses `group:team,…`; the team `*` makes the group's members fleet-wide. */
export function parseTeamMap(text: string): Map<string, string[]> {
  return parseGroupMap(
    text,
    (value) => (value === ALL_TEAMS ? value : TeamNameSchema.safeParse(value).data),
    'group:team with a team name or *',
  );
}

function parseGroupMap<T>(
  text: string,
  parseValue: (value: string) => T | undefined,
  expected: string,
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf(':');
    const group = entry.slice(0, at).trim();
    const value = parseValue(entry.slice(at + 1).trim());
    if (at <= 0 || !group || value === undefined) throw new Error(`"${entry}" is not ${expected}`);
    const values = map.get(group) ?? [];
    if (!values.includes(value)) values.push(value);
    map.set(group, values);
  }
  return map;
}

/** The roles the claim's groups map to, in the order the roles are declared. */
export function rolesForGroups(roleMap: OidcSettings['roleMap'], claim: unknown): Role[] {
  const groups = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  const granted = new Set<Role>();
  for (const group of groups)
    if (typeof group === 'string') for (const role of roleMap.get(group) ?? []) granted.add(role);
  return RoleSchema.options.filter((role) => granted.has(role));
}

/**
 * The teams the claim's groups map to; without a team map every SSO user is fleet-wide, as every
 * account was before teams. Mapped groups but none of the user's: no team.
 */
export function teamsForGroups(teamMap: OidcSettings['teamMap'], claim: unknown): string[] {
  if (!teamMap || teamMap.size === 0) return [ALL_TEAMS];
  const groups = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  const teams = new Set<string>();
  for (const group of groups)
    if (typeof group === 'string') for (const team of teamMap.get(group) ?? []) teams.add(team);
  return teams.has(ALL_TEAMS) ? [ALL_TEAMS] : [...teams].sort();
}

/** The variables env.ts validated; SSO is on when the issuer is set. */
export interface OidcEnv {
  WATCHFLOOR_OIDC_ISSUER?: string;
  WATCHFLOOR_OIDC_CLIENT_ID?: string;
  WATCHFLOOR_OIDC_CLIENT_SECRET?: string;
  WATCHFLOOR_OIDC_REDIRECT_URL?: string;
  WATCHFLOOR_OIDC_PROVIDER_NAME: string;
  WATCHFLOOR_OIDC_ROLES_CLAIM: string;
  WATCHFLOOR_OIDC_ROLE_MAP: Map<string, Role[]>;
  WATCHFLOOR_OIDC_TEAM_MAP?: Map<string, string[]>;
  WATCHFLOOR_SECRET: string;
}

export function oidcSettingsFromEnv(env: OidcEnv): OidcSettings | undefined {
  if (!env.WATCHFLOOR_OIDC_ISSUER) return undefined;
  if (!env.WATCHFLOOR_OIDC_CLIENT_ID || !env.WATCHFLOOR_OIDC_REDIRECT_URL)
    throw new Error(
      'Invalid configuration: WATCHFLOOR_OIDC_CLIENT_ID and WATCHFLOOR_OIDC_REDIRECT_URL are required with WATCHFLOOR_OIDC_ISSUER',
    );
  if (env.WATCHFLOOR_OIDC_ROLE_MAP.size === 0)
    throw new Error(
      'Invalid configuration: WATCHFLOOR_OIDC_ROLE_MAP must map at least one group to a role',
    );
  return {
    issuer: env.WATCHFLOOR_OIDC_ISSUER,
    clientId: env.WATCHFLOOR_OIDC_CLIENT_ID,
    clientSecret: env.WATCHFLOOR_OIDC_CLIENT_SECRET,
    redirectUrl: env.WATCHFLOOR_OIDC_REDIRECT_URL,
    providerName: env.WATCHFLOOR_OIDC_PROVIDER_NAME,
    rolesClaim: env.WATCHFLOOR_OIDC_ROLES_CLAIM,
    roleMap: env.WATCHFLOOR_OIDC_ROLE_MAP,
    teamMap: env.WATCHFLOOR_OIDC_TEAM_MAP,
    transactionSecret: env.WATCHFLOOR_SECRET,
    afterLoginPath: '/',
  };
}
