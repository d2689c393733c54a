import { createHash } from 'node:crypto';
import type { Role } from '@watchfloor/shared/auth';
import type { Pool } from '../../db/pool.ts';
import { AppError, conflict, forbidden } from '../../http/app-error.ts';
import type { VerifiedClaims } from './oidc-client.ts';
import { rolesForGroups, teamsForGroups, type OidcSettings } from './oidc-settings.ts';
import { revokeOidcUserRoles, upsertOidcUser } from './oidc-users.repository.ts';
import { findUserByUsername, type UserRecord } from './users.repository.ts';

/** Fits users.username (ASCII, 64) without spaces or control characters. */
const USERNAME = /^[\x21-\x7e]{1,64}$/;

/**
 * Marks a user as the provider's subject, where local accounts keep a password hash: it never
 * verifies as a password, and it binds the name to (issuer, sub), since preferred_username may be
 * reassigned by the provider while sub may not.
 */
export function subjectMark(issuer: string, sub: string): string {
  return `oidc$${createHash('sha256').update(`${issuer}\n${sub}`).digest('hex')}`;
}

/**
 * The local user for verified ID-token claims: created or updated with the roles and teams its
 * groups map to. Refused (no session) when no group maps to a role, when the name belongs to a local account
 * or another subject, or when the user was disabled here.
 */
export async function userForClaims(
  pool: Pool,
  settings: OidcSettings,
  claims: VerifiedClaims,
  now: number,
): Promise<UserRecord> {
  const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username : '';
  const username = preferred || claims.sub;
  if (!USERNAME.test(username))
    throw new AppError(
      403,
      'forbidden',
      'The provider names the user in a form this server cannot store',
      {
        check: 'username',
      },
    );
  const mark = subjectMark(settings.issuer, claims.sub);
  const roles: Role[] = rolesForGroups(settings.roleMap, claims[settings.rolesClaim]);
  if (roles.length === 0) {
    await revokeOidcUserRoles(pool, username, mark, now);
    throw new AppError(
      403,
      'forbidden',
      `None of the user's "${settings.rolesClaim}" maps to a Watchfloor role`,
      { check: 'roles' },
    );
  }
  const displayName = typeof claims.name === 'string' && claims.name ? claims.name : username;
  await upsertOidcUser(
    pool,
    {
      username,
      displayName: displayName.slice(0, 128),
      subjectMark: mark,
      roles,
      teams: teamsForGroups(settings.teamMap, claims[settings.rolesClaim]),
    },
    now,
  );
  const user = await findUserByUsername(pool, username);
  if (!user || user.passwordHash !== mark)
    throw conflict(`The name "${username}" belongs to another account on this server`);
  if (user.disabled) throw forbidden('This account is disabled');
  return user;
}
