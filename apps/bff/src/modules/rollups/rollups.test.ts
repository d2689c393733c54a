import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { compareRollupsWithRaw, drain } from '../../testing/rollup-truth.ts';
import { ROLLUP_LEASE } from './rollup.worker.ts';
import { expireLease } from './testing/lease-expiry.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
/** The database clock when the suite started: every time below is minutes before it. */
let now: number;
let from: number;
let to: number;

async function snapshot(table: string) {
  const [rows] = await db.pool.query(
    `SELECT scope_kind, scope_id, bucket_ts, events, errors, latency_hist, latency_sum FROM ${table} ORDER BY scope_kind, scope_id, bucket_ts`,
  );
  return rows as { scope_kind: number; scope_id: number; bucket_ts: number; events: number }[];
}

beforeAll(async () => {
  db = await createTestDatabase();
  now = await databaseNow(db.pool);
  from = minutesAgo(150, now);
  to = minutesAgo(30, now);
  t = await createTestApp(db);
  const events = sampleEvents({ fromMs: from, toMs: to });
  for (let i = 0; i < events.length; i += 1_000)
    expect((await t.ingest(events.slice(i, i + 1_000))).status).toBe(200);
  await drain(t.newWorker());
});
afterAll(async () => db?.drop());

describe('rollups from raw events', () => {
  it('match counts recomputed from raw at every resolution and scope', async () => {
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
    const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM rollups_1m WHERE scope_kind = 2');
    expect(Number((rows as { n: number }[])[0]!.n)).toBeGreaterThan(100);
  });

  it('re-sending a batch leaves every count unchanged', async () => {
    const before = await Promise.all(['rollups_1m', 'rollups_1h', 'rollups_1d'].map(snapshot));
    const again = sampleEvents({ fromMs: from, toMs: from + 20 * 60_000 });
    const response = await t.ingest(again);
    const body = (await response.json()) as { data: { accepted: number; duplicates: number } };
    expect(body.data).toMatchObject({ accepted: 0, duplicates: again.length });
    await drain(t.newWorker());
    const after = await Promise.all(['rollups_1m', 'rollups_1h', 'rollups_1d'].map(snapshot));
    expect(after).toEqual(before);
  });

  it('a late event changes exactly its buckets', async () => {
    const before = await snapshot('rollups_1m');
    const lateTs = from + 37 * 60_000 + 1_234;
    await t.ingest([
      {
        id: 'late-1',
        ts: lateTs,
        segment: 'seg-odd',
        entity: 'ent-1',
        kind: 'request',
        status: 'error',
        latencyMs: 12,
      },
    ]);
    await drain(t.newWorker());
    const after = await snapshot('rollups_1m');
    const minute = Math.floor(lateTs / 60_000) * 60_000;
    const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]));
    expect(after).toHaveLength(before.length);
    expect(changed.map((r) => [r.scope_kind, Number(r.bucket_ts)])).toEqual([
      [1, minute],
      [2, minute],
      [3, minute],
    ]);
    for (const row of changed) {
      const previous = before.find(
        (b) =>
          b.scope_kind === row.scope_kind &&
          b.scope_id === row.scope_id &&
          Number(b.bucket_ts) === Number(row.bucket_ts),
      );
      expect(row.events).toBe((previous?.events ?? 0) + 1);
    }
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
  });

  it('a deleted rollup row makes quality unsafe for its window, and the next run repairs it', async () => {
    const [entities] = await db.pool.query("SELECT id FROM entities WHERE slug = 'ent-2'");
    const entityId = (entities as { id: number }[])[0]!.id;
    // Inside the last hour, so within the reconciliation horizon at any time of day.
    const victim = minutesAgo(40, now);
    await db.pool.query(
      'DELETE FROM rollups_1m WHERE scope_kind = 1 AND scope_id = ? AND bucket_ts = ?',
      [entityId, victim],
    );
    const worker = t.newWorker({ leaseSeconds: 2 });
    const first = await worker.tick({ reconcile: true });
    expect(first.kind).toBe('idle');
    const window = `from=${victim - 30 * 60_000}&to=${victim + 30 * 60_000}`;
    const unsafe = (await (await t.get(`/api/v1/quality?${window}`)).json()) as {
      data: { state: string; reasons: { code: string; message: string }[] };
    };
    expect(unsafe.data.state).toBe('unsafe');
    expect(unsafe.data.reasons.map((r) => r.code)).toContain('reconciliation_mismatch');
    expect(
      unsafe.data.reasons.find((r) => r.code === 'reconciliation_mismatch')?.message,
    ).toContain('ent-2');
    const elsewhere = (await (
      await t.get(
        `/api/v1/quality?from=${victim - 30 * 60_000}&to=${victim + 30 * 60_000}&entity=ent-1`,
      )
    ).json()) as { data: { reasons: { code: string }[] } };
    expect(elsewhere.data.reasons.map((r) => r.code)).not.toContain('reconciliation_mismatch');

    const second = await worker.tick();
    await worker.stop();
    expect(second.kind).toBe('ran');
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
    const repaired = (await (await t.get(`/api/v1/quality?${window}`)).json()) as {
      data: { state: string; reasons: { code: string }[] };
    };
    expect(repaired.data.reasons.map((r) => r.code)).not.toContain('reconciliation_mismatch');
  });

  it('a run that crashes before commit leaves its work for the next run, which converges', async () => {
    await t.ingest(
      sampleEvents({ fromMs: minutesAgo(20, now), toMs: minutesAgo(10, now), prefix: 'crash' }),
    );
    const crashing = t.newWorker({
      workerId: 'crashing',
      leaseSeconds: 1,
      beforeCommit: async () => {
        throw new Error('simulated crash');
      },
    });
    await expect(crashing.tick({ reconcile: false })).rejects.toThrow('simulated crash');
    const [pending] = await db.pool.query('SELECT COUNT(*) AS n FROM rollup_dirty');
    expect(Number((pending as { n: number }[])[0]!.n)).toBeGreaterThan(0);
    expect((await compareRollupsWithRaw(db.pool)).length).toBeGreaterThan(0);
    await expireLease(db.pool, ROLLUP_LEASE, 'crashing');
    await drain(t.newWorker({ workerId: 'successor' }));
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
    const [runs] = await db.pool.query(
      "SELECT status, failure_class FROM worker_runs WHERE worker_id = 'crashing'",
    );
    expect(runs).toEqual([{ status: 'failed', failure_class: 'internal' }]);
  });

  it('two workers at once do no double counting: one holds the lease, the other waits', async () => {
    await t.ingest(
      sampleEvents({
        fromMs: minutesAgo(9, now),
        toMs: minutesAgo(2, now),
        prefix: 'pair',
        entities: 6,
      }),
    );
    const a = t.newWorker({ workerId: 'worker-a' });
    const b = t.newWorker({ workerId: 'worker-b' });
    const results = await Promise.all([a.tick({ reconcile: false }), b.tick({ reconcile: false })]);
    expect(results.map((r) => r.kind).sort()).toEqual(['not_leader', 'ran']);
    // Both keep asking at once until the work is done: every round, one works and one waits.
    for (let round = 0; round < 100; round++) {
      const kinds = (
        await Promise.all([a.tick({ reconcile: false }), b.tick({ reconcile: false })])
      ).map((r) => r.kind);
      expect(kinds.filter((kind) => kind === 'not_leader')).toHaveLength(1);
      if (!kinds.includes('ran')) break;
    }
    await Promise.all([a.stop(), b.stop()]);
    const [pending] = await db.pool.query('SELECT COUNT(*) AS n FROM rollup_dirty');
    expect(Number((pending as { n: number }[])[0]!.n)).toBe(0);
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
  });
});
