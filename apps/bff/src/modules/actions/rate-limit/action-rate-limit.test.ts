import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_NOW_MS } from '../../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import { entityName, proposal, sendTraffic } from '../testing/fleet-fixture.ts';
import { DEFAULT_ACTION_RATE_LIMITS } from './action-rate-limit.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'etl', entities: 2, kind: 'pipeline' as const }]);
  // Only admins may pause pipelines: every proposal by an operator is refused by the policy.
  const policy = structuredClone(t.policy.current().policy);
  policy.types.pause_pipeline.proposers = ['admin'];
  t.policy.replace(policy);
});
afterAll(async () => db?.drop());

/** Rows a request may leave behind: audit records and recorded policy evaluations. */
const recordedRows = async () => {
  const [rows] = await db.pool.query(
    'SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM action_evaluations) AS n',
  );
  return Number((rows as { n: number }[])[0]!.n);
};

/** Lets the rate window pass (windows are judged by the database clock against stored starts). */
const windowPasses = () =>
  db.pool.query('UPDATE action_rate_counts SET window_start = window_start - ?', [
    DEFAULT_ACTION_RATE_LIMITS.windowMs,
  ]);

describe('per-user rate limits on proposals and decisions', () => {
  it('refuses proposals over the budget with 429 + Retry-After, recording nothing for them, per user', async () => {
    const limit = DEFAULT_ACTION_RATE_LIMITS.proposals;
    const target = proposal('pause_pipeline', entityName('etl', 0));
    for (let i = 0; i < limit; i++)
      expect((await api.propose('operator', target)).status).toBe(403);
    const before = await recordedRows();
    const refused = await Promise.all(
      Array.from({ length: 20 }, () => api.propose('operator', target)),
    );
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 429));
    const retryAfter = Number(refused[0]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(DEFAULT_ACTION_RATE_LIMITS.windowMs / 1000);
    expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limited',
    );
    expect(await recordedRows()).toBe(before);
    // Another user has a budget of their own; reads are not limited.
    expect((await api.propose('operator2', target)).status).toBe(403);
    expect((await t.get('/api/v1/actions')).status).toBe(200);
    await windowPasses();
    expect((await api.propose('operator', target)).status).toBe(403);
  });

  it("starts a user's window at their first request, and says when it ends", async () => {
    const target = proposal('pause_pipeline', entityName('etl', 1));
    await db.pool.query("DELETE FROM action_rate_counts WHERE username = 'operator2'");
    for (let i = 0; i < DEFAULT_ACTION_RATE_LIMITS.proposals; i++)
      expect((await api.propose('operator2', target)).status).toBe(403);
    // The first request was 50 s ago (by the database clock): 10 s of this window are left.
    await db.pool.query(
      `UPDATE action_rate_counts SET window_start = ${DB_NOW_MS} - 50000 WHERE username = 'operator2'`,
    );
    const refused = await api.propose('operator2', target);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);
  });

  it('refuses decisions (approve, reject, cancel, rollback) over the budget with 429 + Retry-After', async () => {
    const limit = DEFAULT_ACTION_RATE_LIMITS.decisions;
    const verbs = ['approve', 'reject', 'cancel', 'rollback'] as const;
    for (let i = 0; i < limit; i++)
      expect((await api.decide('approver', 999_999, verbs[i % 4]!, { comment: 'x' })).status).toBe(
        404,
      );
    for (const verb of verbs) {
      const refused = await api.decide('approver', 999_999, verb, { comment: 'x' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await api.decide('approver2', 999_999, 'approve', {})).status).toBe(404);
    await windowPasses();
    expect((await api.decide('approver', 999_999, 'approve', {})).status).toBe(404);
  });
});
