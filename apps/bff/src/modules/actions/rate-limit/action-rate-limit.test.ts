import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Moves every counted request `ms` into the past (the window is judged by the database clock). */
const requestsAge = (ms: number, username?: string) =>
  db.pool.query(`UPDATE action_requests SET at = at - ?${username ? ' WHERE username = ?' : ''}`, [
    ms,
    ...(username ? [username] : []),
  ]);
/** Lets the rate window pass. */
const windowPasses = () => requestsAge(DEFAULT_ACTION_RATE_LIMITS.windowMs);

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

  it('slides: 60 in any minute, each request leaving the count a minute after it was made', async () => {
    const limit = DEFAULT_ACTION_RATE_LIMITS.proposals;
    const half = limit / 2;
    const target = proposal('pause_pipeline', entityName('etl', 1));
    const propose = () => api.propose('operator2', target);
    await db.pool.query("DELETE FROM action_requests WHERE username = 'operator2'");
    for (let i = 0; i < half; i++) expect((await propose()).status).toBe(403);
    await requestsAge(50_000, 'operator2');
    for (let i = 0; i < half; i++) expect((await propose()).status).toBe(403);
    // 60 in the last minute: refused until the first 30 are a minute old, 10 s from now.
    const refused = await propose();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);
    await requestsAge(10_000, 'operator2');
    // The first 30 have left; the second 30 still count, so 30 more, then 429 again (a window
    // aligned to any fixed start would have allowed 60 here).
    for (let i = 0; i < half; i++) expect((await propose()).status).toBe(403);
    expect((await propose()).status).toBe(429);
  });

  it('ranks requests sent all at once: the first 60 go through, the rest are refused', async () => {
    await db.pool.query("DELETE FROM action_requests WHERE username = 'polymath'");
    const target = proposal('pause_pipeline', entityName('etl', 1));
    const burst = await Promise.all(
      Array.from({ length: 80 }, () => api.propose('polymath', target)),
    );
    // Ranked by arrival: exactly the budget's worth goes through, the rest is refused.
    expect(burst.filter((r) => r.status === 429).length).toBe(
      burst.length - DEFAULT_ACTION_RATE_LIMITS.proposals,
    );
    expect(burst.filter((r) => r.status !== 429).length).toBe(DEFAULT_ACTION_RATE_LIMITS.proposals);
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
