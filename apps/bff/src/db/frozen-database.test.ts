import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestApp, TEST_PASSWORD, TEST_TOKEN, type TestApp } from '../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../testing/sample-events.ts';
import { startFreezableProxy, type FreezableProxy } from './freezable-proxy.ts';
import { createPool, type Pool } from './pool.ts';

// Small bounds so the test is quick; the promise is about outcome (503), not about the figures.
const BOUNDS = { queueTimeoutMs: 500, statementTimeoutMs: 500, callDeadlineMs: 800 };

let db: TestDatabase;
let proxy: FreezableProxy;
let pool: Pool;
let t: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  proxy = await startFreezableProxy(db.url);
  pool = createPool({ url: proxy.url, connectionLimit: 4, ...BOUNDS });
  // The whole app (sessions, reads, actions, audit, readiness) runs on the pool behind the proxy.
  t = await createTestApp({ ...db, pool });
  for (const user of ['operator', 'approver', 'admin'] as const) await t.cookieFor(user);
});
afterAll(async () => {
  await proxy?.close();
  await pool?.end().catch(() => undefined);
  await db?.drop();
});

describe('a frozen database server (connections open, nothing answered)', () => {
  it('answers every request, readiness included, with 503 instead of hanging, and serves again once it thaws', async () => {
    const to = Date.now();
    const window = `from=${to - 3_600_000}&to=${to}`;
    const json = (body: unknown) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const requests: (() => Response | Promise<Response>)[] = [
      () => t.app.request('/readyz'),
      () => t.app.request('/readyz'),
      () => t.app.request('/api/v1/auth/login', json({ username: 'manager', password: 'x' })),
      () =>
        t.app.request('/api/v1/auth/login', json({ username: 'manager', password: TEST_PASSWORD })),
      () =>
        t.app.request('/api/v1/ingest/events', {
          ...json({ events: sampleEvents({ fromMs: minutesAgo(3), toMs: minutesAgo(1) }) }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
        }),
      () => t.post('/api/v1/actions/1/approve', {}, 'approver'),
      () => t.get('/api/v1/actions?state=proposed', 'approver'),
      () => t.get('/api/v1/audit', 'admin'),
      () => t.get('/api/v1/audit/verify', 'admin'),
    ];
    // More requests than pooled connections: some are mid-statement, some wait for a connection.
    for (let i = 0; i < 12; i++) {
      requests.push(() => t.get(`/api/v1/overview?${window}&n=${i}`));
      requests.push(() => t.get(`/api/v1/quality?${window}&n=${i}`));
      requests.push(() => t.get(`/api/v1/events?${window}&limit=${10 + i}`));
    }

    proxy.freeze();
    const responses = await Promise.all(requests.map((send) => send()));
    const statuses = responses.map((r) => r.status);
    expect(statuses).toEqual(requests.map(() => 503));
    for (const response of responses) {
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect(response.headers.get('content-type')).toMatch(/json/);
    }

    proxy.thaw();
    // Connections that timed out were destroyed, not handed back mid-statement: the pool serves again.
    expect((await t.app.request('/readyz')).status).toBe(200);
    expect((await t.get(`/api/v1/overview?${window}&n=after`)).status).toBe(200);
  }, 30_000);
});
