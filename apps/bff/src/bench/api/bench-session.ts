import { randomBytes } from 'node:crypto';
import type { Role } from '@watchfloor/shared/auth';
import { createPool } from '../../db/pool.ts';
import { hashPassword } from '../../modules/auth/password.ts';
import { upsertUser } from '../../modules/auth/users.repository.ts';

const USERNAME = 'api-bench-operator';

/**
 * Creates a fresh operator account in the data set's database (dropping the previous run's account
 * and sessions) and returns its password. `now` is the server's clock: a session only counts when
 * it was created after the account's last role change.
 */
export async function prepareOperator(
  mysqlUrl: string,
  now: number,
  roles: Role[] = ['operator'],
): Promise<{ username: string; password: string }> {
  const password = randomBytes(12).toString('base64url');
  const pool = createPool({ url: mysqlUrl, connectionLimit: 1 });
  try {
    await pool.query(
      'DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
      [USERNAME],
    );
    await pool.query('DELETE FROM users WHERE username = ?', [USERNAME]);
    await upsertUser(
      pool,
      {
        username: USERNAME,
        displayName: 'API bench operator',
        passwordHash: await hashPassword(password),
        roles,
      },
      now,
    );
  } finally {
    await pool.end();
  }
  return { username: USERNAME, password };
}

/** Signs in through the API and returns the Cookie header value carrying the session. */
export async function signIn(
  baseUrl: string,
  credentials: { username: string; password: string },
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok)
    throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
  const session = response.headers
    .getSetCookie()
    .find((cookie) => /^(__Host-)?wf_session=/.test(cookie));
  if (!session) throw new Error('login answered without a wf_session cookie');
  return session.split(';')[0]!;
}
