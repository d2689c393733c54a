import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { DEFAULT_AUTH_CONFIG } from './auth-config.ts';

let db: TestDatabase;
let t: TestApp;

/** A sign-in from a given socket address (what @hono/node-server hands the app). */
const loginFrom = (app: TestApp['app'], address: string, username: string, password: string) =>
  app.request(
    '/api/v1/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );

/** Lets the throttle window pass for every failure on record (the window is judged by stored times). */
const windowPasses = () =>
  db.pool.query('UPDATE login_failures SET at = at - ?', [DEFAULT_AUTH_CONFIG.loginWindowMs + 1]);

beforeAll(async () => {
  db = await createTestDatabase();
  // The default limits, as a server runs them.
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

describe('sign-in throttling per account and client address', () => {
  it('stops a guesser at one address while the account owner still signs in from their own', async () => {
    const attacker = '203.0.113.66';
    for (let i = 0; i < DEFAULT_AUTH_CONFIG.maxFailuresPerAccountAddress; i++)
      expect((await loginFrom(t.app, attacker, 'approver', `guess-${i}`)).status).toBe(401);
    const stopped = await loginFrom(t.app, attacker, 'approver', 'guess-again');
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused from the guesser's address until the window passes.
    expect((await loginFrom(t.app, attacker, 'approver', TEST_PASSWORD)).status).toBe(429);

    const owner = await loginFrom(t.app, '198.51.100.7', 'approver', TEST_PASSWORD);
    expect(owner.status).toBe(200);
    await windowPasses();
    expect((await loginFrom(t.app, attacker, 'approver', TEST_PASSWORD)).status).toBe(200);
  });

  it('holds against guesses sent all at once: exactly the budget of passwords is checked', async () => {
    const attacker = '203.0.113.99';
    const limit = DEFAULT_AUTH_CONFIG.maxFailuresPerAccountAddress;
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginFrom(t.app, attacker, 'operator', `burst-${i}`)),
    );
    const statuses = burst.map((r) => r.status);
    // Ranked by arrival: the budget's worth is checked (and fails), the rest is refused unchecked.
    expect(statuses.filter((s) => s === 401).length).toBe(limit);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // What was refused is not counted as a failure: the address's budget is spent, no more.
    const [rows] = await db.pool.query(
      'SELECT COUNT(*) AS n FROM login_failures WHERE limit_key = ?',
      [`pair:operator|${attacker}`],
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(statuses.filter((s) => s === 401).length);
    expect((await loginFrom(t.app, attacker, 'operator', TEST_PASSWORD)).status).toBe(429);
  });

  it('has a per-account backstop across all addresses, far above the per-address limit', async () => {
    const app = (
      await createTestApp(db, {
        auth: { maxFailuresPerAccountAddress: 5, maxFailuresPerAccount: 12 },
      })
    ).app;
    // Four addresses, three failures each: no pair reaches its limit, the account reaches 12.
    for (let a = 0; a < 4; a++)
      for (let i = 0; i < 3; i++)
        expect((await loginFrom(app, `192.0.2.${a}`, 'manager', 'nope')).status).toBe(401);
    expect((await loginFrom(app, '192.0.2.200', 'manager', TEST_PASSWORD)).status).toBe(429);
    // Other accounts are not affected by one account's backstop.
    expect((await loginFrom(app, '192.0.2.200', 'operator2', TEST_PASSWORD)).status).toBe(200);
    await windowPasses();
    expect((await loginFrom(app, '192.0.2.200', 'manager', TEST_PASSWORD)).status).toBe(200);
  });
});
