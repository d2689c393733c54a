import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureRetries } from '../../db/retry-transaction.ts';
import { capturedLogger } from '../../testing/captured-logger.ts';
import { refuseCommits, type Refusals } from '../../testing/refuse-commits.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

/** Sign-in when the session's INSERT is refused, as a Galera node refuses a losing or cut-off write. */
let db: TestDatabase;
let t: TestApp;
let refusals: Refusals | undefined;
const log = capturedLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  configureRetries(db.pool, {
    logger: log.logger,
    conflictDelayMs: 1,
    unavailableDelayMs: 1,
    maxDelayMs: 5,
  });
});
afterEach(() => {
  refusals?.restore();
  refusals = undefined;
  log.lines.length = 0;
});
afterAll(async () => db?.drop());

const sessionsOf = async (username: string) =>
  Number(
    (
      (
        await db.pool.query(
          'SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
          [username],
        )
      )[0] as { n: number }[]
    )[0]!.n,
  );

describe('a sign-in whose session insert is refused once', () => {
  it.each([1213, 1047] as const)('signs in with one live session after errno %i', async (errno) => {
    const before = await sessionsOf('approver2');
    refusals = refuseCommits(db.pool, { errno, when: /INSERT INTO sessions/ });
    const response = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'approver2', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(refusals.refused).toBe(1);
    expect(await sessionsOf('approver2')).toBe(before + 1);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await t.app.request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect(log.lines).toEqual([expect.objectContaining({ errno, attempt: 1 })]);
  });
});
