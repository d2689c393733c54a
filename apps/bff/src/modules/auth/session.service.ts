import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '@watchfloor/shared/auth';
import type { Pool } from '../../db/pool.ts';
import { retryStatement } from '../../db/retry-transaction.ts';
import { unauthenticated } from '../../http/app-error.ts';
import type { AuthConfig } from './auth-config.ts';
import { reserveLoginAttempt } from './login-throttle.ts';
import { verifyPassword } from './password.ts';
import { BatchedLookup } from '../../db/batched-lookup.ts';
import {
  findUnrevokedSessions,
  insertSession,
  revokeSession,
  touchSession,
  type LiveSession,
} from './session.repository.ts';
import { findUserByUsername, parseRoles, parseTeams, type UserRecord } from './users.repository.ts';

export interface AuthDeps {
  pool: Pool;
  config: AuthConfig;
  now?: () => number;
}

const lookupsByPool = new WeakMap<Pool, BatchedLookup<string, LiveSession>>();

/** Every request checks its session; concurrent checks against one pool share a statement. */
function sessionLookups(pool: Pool): BatchedLookup<string, LiveSession> {
  let lookups = lookupsByPool.get(pool);
  if (!lookups)
    lookupsByPool.set(
      pool,
      (lookups = new BatchedLookup((idHashes) => findUnrevokedSessions(pool, idHashes))),
    );
  return lookups;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');
// A fixed hash to verify against when the user does not exist, so timing does not reveal which usernames are real.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Counts the sign-in against its failure budgets (login-throttle.ts), then checks the password: a
 * caller over any budget gets 429 before the password is checked, a failure stays counted against
 * all of them, and a success is not counted.
 */
export async function login(
  deps: AuthDeps,
  username: string,
  password: string,
  clientAddress: string,
): Promise<{ sessionId: string; user: UserRecord }> {
  const now = deps.now?.() ?? Date.now();
  const attempt = await reserveLoginAttempt(deps, username, clientAddress, now);
  const user = await findUserByUsername(deps.pool, username);
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) throw unauthenticated('Wrong username or password');
  await attempt.release();
  return { sessionId: await issueSession(deps, user.id, clientAddress, now), user };
}

/** A new session for a user already proven (by password or by the identity provider); its id. */
export async function issueSession(
  deps: AuthDeps,
  userId: number,
  clientAddress: string,
  now: number,
): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  // One autocommit INSERT under a fresh random id: no other writer can conflict with it, but a
  // non-primary Galera node refuses it (1047), so it is retried like a transaction.
  await retryStatement(deps.pool, (pool) =>
    insertSession(
      pool,
      hashId(sessionId),
      userId,
      now,
      now + deps.config.absoluteTimeoutMs,
      clientAddress,
    ),
  );
  return sessionId;
}

/**
 * Signs in and revokes the session the client presented, if any: a new id at every sign-in, so a
 * cookie planted before sign-in never becomes a live session.
 */
export async function signIn(
  deps: AuthDeps,
  credentials: { username: string; password: string },
  clientAddress: string,
  presentedSessionId: string | undefined,
): Promise<{ sessionId: string; me: Me }> {
  const { sessionId, user } = await login(
    deps,
    credentials.username,
    credentials.password,
    clientAddress,
  );
  if (presentedSessionId) await logout(deps, presentedSessionId);
  return {
    sessionId,
    me: {
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      teams: user.teams,
    },
  };
}

export async function logout(deps: AuthDeps, sessionId: string): Promise<void> {
  await retryStatement(deps.pool, (pool) =>
    revokeSession(pool, hashId(sessionId), deps.now?.() ?? Date.now()),
  );
}

/** The user behind a session cookie, or null when it is unknown, revoked, idle too long or expired. */
export async function resolveSession(deps: AuthDeps, sessionId: string): Promise<Me | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return null;
  const now = deps.now?.() ?? Date.now();
  const idHash = hashId(sessionId);
  const session = await sessionLookups(deps.pool).get(idHash);
  if (!session || session.expiresAt <= now || now - session.lastSeenAt > deps.config.idleTimeoutMs)
    return null;
  // Disabled (even by hand in the database): the session ends for good, so re-enabling the user
  // does not revive it.
  if (session.userDisabled) {
    await retryStatement(deps.pool, (pool) => revokeSession(pool, idHash, now));
    return null;
  }
  if (now - session.lastSeenAt > deps.config.touchEveryMs)
    await retryStatement(deps.pool, (pool) => touchSession(pool, idHash, now));
  return {
    username: session.username,
    displayName: session.displayName,
    roles: parseRoles(session.roles),
    teams: parseTeams(session.teams),
  };
}
