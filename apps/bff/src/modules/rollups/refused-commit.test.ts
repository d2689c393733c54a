import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { configureRetries } from '../../db/retry-transaction.ts';
import { capturedLogger } from '../../testing/captured-logger.ts';
import { refuseCommits, type Refusals } from '../../testing/refuse-commits.ts';
import { compareRollupsWithRaw, drain } from '../../testing/rollup-truth.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { ROLLUP_LEASE } from './rollup.worker.ts';

/**
 * The rollup worker under Galera certification conflicts, emulated on one server. Only the run's
 * transaction renews the lease (its fence), so the pattern picks exactly that transaction.
 */
const RUN = /UPDATE worker_leases SET expires_at/;
let db: TestDatabase;
let t: TestApp;
let now: number;
let refusals: Refusals | undefined;
const log = capturedLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  now = await databaseNow(db.pool);
  configureRetries(db.pool, { logger: log.logger, conflictDelayMs: 1 });
});
afterEach(() => {
  refusals?.restore();
  refusals = undefined;
  log.lines.length = 0;
});
afterAll(async () => db?.drop());

const pendingMarks = async () =>
  Number(
    ((await db.pool.query('SELECT COUNT(*) AS n FROM rollup_dirty'))[0] as { n: number }[])[0]!.n,
  );

async function runsOf(workerId: string) {
  const [rows] = await db.pool.query(
    'SELECT status, failure_class FROM worker_runs WHERE worker_id = ? ORDER BY id',
    [workerId],
  );
  return rows;
}

describe('a rollup run whose COMMIT is refused once (1213)', () => {
  it('runs again as a whole: rollups equal raw, one ok run recorded', async () => {
    const events = sampleEvents({
      fromMs: minutesAgo(40, now),
      toMs: minutesAgo(30, now),
      prefix: 'once',
    });
    expect((await t.ingest(events)).status).toBe(200);
    refusals = refuseCommits(db.pool, { errno: 1213, when: RUN });
    await drain(t.newWorker({ workerId: 'refused-once' }));
    expect(refusals.refused).toBe(1);
    expect(await pendingMarks()).toBe(0);
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
    expect(await runsOf('refused-once')).toEqual([{ status: 'ok', failure_class: null }]);
  });
});

describe('a worker that loses the lease inside its run', () => {
  it('applies nothing, answers not_leader instead of failing, and the new holder converges', async () => {
    const events = sampleEvents({
      fromMs: minutesAgo(20, now),
      toMs: minutesAgo(10, now),
      prefix: 'lost',
    });
    expect((await t.ingest(events)).status).toBe(200);
    // As on Galera: worker-b's acquire on another node certifies first, so worker-a's commit,
    // whose renewal wrote the same lease row, is refused; its retry then finds the lease gone.
    refusals = refuseCommits(db.pool, {
      errno: 1213,
      when: RUN,
      onRefuse: async () => {
        await db.pool.query(
          "UPDATE worker_leases SET holder = 'worker-b', expires_at = NOW(3) + INTERVAL 60 SECOND WHERE name = ?",
          [ROLLUP_LEASE],
        );
      },
    });
    const loser = t.newWorker({ workerId: 'worker-a' });
    expect(await loser.tick({ reconcile: false })).toEqual({ kind: 'not_leader' });
    expect(refusals.refused).toBe(1);
    expect(await pendingMarks()).toBeGreaterThan(0);
    expect(await runsOf('worker-a')).toEqual([{ status: 'failed', failure_class: 'lease_lost' }]);
    await loser.stop();

    await drain(t.newWorker({ workerId: 'worker-b' }));
    expect(await pendingMarks()).toBe(0);
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
  });
});
