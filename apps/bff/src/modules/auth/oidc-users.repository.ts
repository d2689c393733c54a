import type { Queryable } from '../../db/pool.ts';
import type { Role } from '@watchfloor/shared/auth';
import { formatTeams } from './users.repository.ts';

/**
 * Creates the user signed in through the provider, or updates its display name, roles and teams — only
 * when the row belongs to the same provider subject (`subjectMark`, kept where a local account
 * keeps its password hash, and never a valid hash). A local account or another subject with the
 * same name is left untouched; the caller reads the row back and refuses. A role change is
 * timestamped first, so the user's older sessions end.
 */
export async function upsertOidcUser(
  conn: Queryable,
  user: {
    username: string;
    displayName: string;
    subjectMark: string;
    roles: readonly Role[];
    teams: readonly string[];
  },
  now: number,
): Promise<void> {
  // Assignments run left to right and see earlier ones: roles_changed_at is decided before roles moves.
  await conn.query(
    `INSERT INTO users (username, display_name, password_hash, roles, teams, roles_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE
       roles_changed_at = IF(password_hash = VALUES(password_hash) AND roles <> VALUES(roles), VALUES(roles_changed_at), roles_changed_at),
       display_name = IF(password_hash = VALUES(password_hash), VALUES(display_name), display_name),
       roles = IF(password_hash = VALUES(password_hash), VALUES(roles), roles),
       teams = IF(password_hash = VALUES(password_hash), VALUES(teams), teams)`,
    [
      user.username,
      user.displayName,
      user.subjectMark,
      user.roles.join(','),
      formatTeams(user.teams),
      now,
      now,
    ],
  );
}

/** Strips every role of the subject's user (its groups no longer map to any), ending its sessions. */
export async function revokeOidcUserRoles(
  conn: Queryable,
  username: string,
  subjectMark: string,
  now: number,
): Promise<void> {
  await conn.query(
    `UPDATE users SET roles_changed_at = ?, roles = '' WHERE username = ? AND password_hash = ? AND roles <> ''`,
    [now, username, subjectMark],
  );
}
