import { withTransaction, type Pool, type Queryable } from '../../db/pool.ts';
import { firstRow } from '../../db/row-values.ts';

import { RoleSchema, type Role } from '@watchfloor/shared/auth';
import { ALL_TEAMS } from '@watchfloor/shared/teams';

export type { Role };

/**
 * Creates the user, or updates password and roles; a role change is timestamped so sessions can
 * be revoked. Teams are set only when given (a new user is fleet-wide otherwise), so re-running
 * the demo set-up never undoes an admin's team assignment. Teams are read live with each session.
 */
export async function upsertUser(
  conn: Queryable,
  user: {
    username: string;
    displayName: string;
    passwordHash: string;
    roles: Role[];
    teams?: readonly string[];
  },
  now: number,
): Promise<void> {
  await conn.query(
    `INSERT INTO users (username, display_name, password_hash, roles, teams, roles_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), password_hash = VALUES(password_hash),
       roles_changed_at = IF(roles = VALUES(roles), roles_changed_at, VALUES(roles_changed_at)), roles = VALUES(roles),
       teams = IF(?, VALUES(teams), teams)`,
    [
      user.username,
      user.displayName,
      user.passwordHash,
      user.roles.join(','),
      formatTeams(user.teams ?? [ALL_TEAMS]),
      now,
      now,
      user.teams !== undefined,
    ],
  );
}

/** Stored form of a user's teams: comma-separated, `*` for every team. */
export const formatTeams = (teams: readonly string[]) => [...new Set(teams)].join(',');

export const parseTeams = (stored: string): string[] => stored.split(',').filter(Boolean);

/** Sets the teams a user belongs to (`*`: every team); they apply from the user's next request. */
export async function setUserTeams(
  conn: Queryable,
  username: string,
  teams: readonly string[],
): Promise<boolean> {
  const [result] = await conn.query('UPDATE users SET teams = ? WHERE username = ?', [
    formatTeams(teams),
    username,
  ]);
  return (result as { affectedRows: number }).affectedRows > 0;
}

export async function findPasswordHash(conn: Queryable, username: string): Promise<string | null> {
  const [rows] = await conn.query('SELECT password_hash FROM users WHERE username = ?', [username]);
  return (rows as { password_hash: string }[])[0]?.password_hash ?? null;
}

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  teams: string[];
  rolesChangedAt: number;
  disabled: boolean;
}

interface UserDbRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  teams: string;
  roles_changed_at: number;
  disabled: number;
}

export function parseRoles(stored: string): Role[] {
  return stored.split(',').flatMap((role) => {
    const parsed = RoleSchema.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}

const toUser = (r: UserDbRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  roles: parseRoles(r.roles),
  teams: parseTeams(r.teams),
  rolesChangedAt: Number(r.roles_changed_at),
  disabled: r.disabled === 1,
});

export async function findUserByUsername(
  conn: Queryable,
  username: string,
): Promise<UserRecord | null> {
  const [rows] = await conn.query(
    'SELECT id, username, display_name, password_hash, roles, teams, roles_changed_at, disabled FROM users WHERE username = ?',
    [username],
  );
  return firstRow(rows, toUser);
}

/** Changing roles stamps roles_changed_at, which ends every session created before it. */
export async function setUserRoles(
  conn: Queryable,
  username: string,
  roles: Role[],
  now: number,
): Promise<void> {
  await conn.query('UPDATE users SET roles = ?, roles_changed_at = ? WHERE username = ?', [
    roles.join(','),
    now,
    username,
  ]);
}

/**
 * Disables or re-enables a user. Disabling ends its sessions for good: they are revoked, and
 * roles_changed_at (the instant before which no session of the user is valid) is stamped, so a
 * session inserted by a sign-in racing with the disable is dead too. Re-enabling revives nothing.
 */
export async function setUserDisabled(
  pool: Pool,
  username: string,
  disabled: boolean,
  now: number,
): Promise<void> {
  if (!disabled) {
    await pool.query('UPDATE users SET disabled = 0 WHERE username = ?', [username]);
    return;
  }
  await withTransaction(pool, async (conn) => {
    await conn.query(
      'UPDATE users SET disabled = 1, roles_changed_at = GREATEST(roles_changed_at, ?) WHERE username = ?',
      [now + 1, username],
    );
    await conn.query(
      'UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.revoked_at = ? WHERE u.username = ? AND s.revoked_at IS NULL',
      [now, username],
    );
  });
}
