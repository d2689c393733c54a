import type { Queryable } from '../../db/pool.ts';
import { numberOrNull } from '../../db/row-values.ts';

export interface SessionRow {
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export async function insertSession(
  conn: Queryable,
  idHash: string,
  userId: number,
  now: number,
  expiresAt: number,
  clientAddress: string | null,
): Promise<void> {
  await conn.query(
    'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, client_address) VALUES (?, ?, ?, ?, ?, ?)',
    [idHash, userId, now, now, expiresAt, clientAddress],
  );
}

export type LiveSession = SessionRow & {
  username: string;
  displayName: string;
  roles: string;
  teams: string;
  /** The user is disabled: the caller revokes the session for good. */
  userDisabled: boolean;
};

interface LiveSessionDbRow {
  id_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  username: string;
  display_name: string;
  roles: string;
  teams: string;
  disabled: number;
}

const toLiveSession = (row: LiveSessionDbRow): [idHash: string, session: LiveSession] => [
  row.id_hash,
  {
    userId: row.user_id,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    teams: row.teams,
    userDisabled: Number(row.disabled) !== 0,
  },
];

/**
 * The sessions among these that are not revoked and were created after their user's last role
 * change (or disabling); expiry, idleness and a disabled user are the caller's to check.
 */
export async function findUnrevokedSessions(
  conn: Queryable,
  idHashes: readonly string[],
): Promise<Map<string, LiveSession>> {
  if (idHashes.length === 0) return new Map();
  const [rows] = await conn.query(
    `SELECT s.id_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, u.username, u.display_name, u.roles, u.teams, u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash IN (?) AND s.revoked_at IS NULL AND s.created_at >= u.roles_changed_at`,
    [[...idHashes]],
  );
  return new Map((rows as LiveSessionDbRow[]).map(toLiveSession));
}

export async function touchSession(conn: Queryable, idHash: string, now: number): Promise<void> {
  await conn.query(
    'UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND revoked_at IS NULL',
    [now, idHash],
  );
}

export async function revokeSession(conn: Queryable, idHash: string, now: number): Promise<void> {
  await conn.query('UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL', [
    now,
    idHash,
  ]);
}

/** Records one sign-in attempt against each key; `attempt` names its rows for removal. */
export async function recordLoginAttempt(
  conn: Queryable,
  keys: string[],
  now: number,
  attempt: string,
): Promise<void> {
  await conn.query('INSERT INTO login_failures (limit_key, at, attempt) VALUES ?', [
    keys.map((key) => [key, now, attempt]),
  ]);
}

/** Removes an attempt's rows: it succeeded, or it was refused before its password was checked. */
export async function deleteLoginAttempt(conn: Queryable, attempt: string): Promise<void> {
  await conn.query('DELETE FROM login_failures WHERE attempt = ?', [attempt]);
}

type LoginFailuresDbRow = { n: number; oldest: number | null };

/** No row reads as no failures. */
const toLoginFailures = (row: LoginFailuresDbRow | undefined) => ({
  count: Number(row?.n ?? 0),
  oldest: numberOrNull(row?.oldest),
});

/**
 * Failures per key since `since`, and the oldest of them (to compute Retry-After). With `attempt`,
 * only those recorded up to that attempt's own row: attempts that arrive together are ranked by
 * arrival, so the first ones within the budget go ahead instead of all seeing each other.
 */
export async function countLoginFailures(
  conn: Queryable,
  key: string,
  since: number,
  attempt?: string,
): Promise<{ count: number; oldest: number | null }> {
  const [rows] = await conn.query(
    `SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE limit_key = ? AND at >= ?${
      attempt === undefined
        ? ''
        : ' AND id <= (SELECT id FROM login_failures WHERE attempt = ? AND limit_key = ?)'
    }`,
    attempt === undefined ? [key, since] : [key, since, attempt, key],
  );
  return toLoginFailures((rows as LoginFailuresDbRow[])[0]);
}
