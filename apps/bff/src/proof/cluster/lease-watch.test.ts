import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { leaderOverlaps } from './lease-watch.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

const run = (worker: string, from: number, to: number, status = 'ok') =>
  db.pool.query(
    'INSERT INTO worker_runs (worker_id, started_at, finished_at, status) VALUES (?, ?, ?, ?)',
    [worker, from, to, status],
  );

describe('leaderOverlaps', () => {
  it('accepts handovers and failed runs, and names two workers whose successful runs overlap', async () => {
    await run('w1', 1_000, 2_000);
    await run('w1', 2_500, 3_000);
    await run('w2', 3_100, 4_000); // a handover after w1's last run ended
    await run('w1', 3_200, 3_300, 'failed'); // a failed run never held the lease to the end
    expect((await leaderOverlaps(db.pool, 0)).overlaps).toEqual([]);

    await run('w1', 3_900, 4_500); // starts while w2's run is still going: two leaders
    const seen = await leaderOverlaps(db.pool, 0);
    expect(seen.overlaps).toEqual([{ a: 'w2', b: 'w1', at: 3_900 }]);
    expect(seen).toMatchObject({ runs: 4, workers: 2 });
  });
});
