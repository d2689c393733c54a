import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { Registry } from '../ingest/registry.ts';
import { demoHistoryBatches, type DemoHistoryPlan } from '../simulator/demo-history.ts';
import { demoHistoryPlan, prepareDemoFleet, type SeedOptions } from '../simulator/seed.ts';
import { beginBackfill, DEMO_HISTORY, readBackfill } from './backfill.repository.ts';
import { HistoryBackfill } from './history-backfill.ts';

const HOUR = 3_600_000;
let db: TestDatabase;
let registry: Registry;
let plan: DemoHistoryPlan;

/** Events per hour as stored. */
async function storedPerHour(): Promise<Map<number, number>> {
  const [rows] = await db.pool.query(
    'SELECT FLOOR(ts / 3600000) AS hour, COUNT(*) AS n FROM events GROUP BY hour',
  );
  return new Map((rows as { hour: number; n: number }[]).map((r) => [Number(r.hour), Number(r.n)]));
}

/** Events per hour of the whole history generated in one go, as a one-shot seed would store it. */
function expectedPerHour(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const batch of demoHistoryBatches(plan, plan.historyFrom, plan.anchorMs))
    for (const event of batch) {
      const hour = Math.floor(event.ts / HOUR);
      counts.set(hour, (counts.get(hour) ?? 0) + 1);
    }
  return counts;
}

const sorted = (counts: Map<number, number>) => [...counts].sort((a, b) => a[0] - b[0]);

function newBackfill(): HistoryBackfill {
  return new HistoryBackfill({
    deps: { pool: db.pool, registry, retentionDays: 400 },
    // No rollup worker runs here: never wait for one.
    maxBacklog: Number.POSITIVE_INFINITY,
    maxLagMs: Number.POSITIVE_INFINITY,
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  registry = new Registry(db.pool, { maxSegments: 100, maxEntities: 1_000 });
  const options: SeedOptions = {
    pool: db.pool,
    registry,
    retentionDays: 400,
    seed: 42,
    anchorMs: (await databaseNow(db.pool)) - 60_000,
    historyDays: 2,
    scale: 0.02,
    liveRatePerSecond: 1,
    liveHours: 3,
  };
  plan = demoHistoryPlan(options);
  await prepareDemoFleet(db.pool, registry, plan.anchorMs);
  await beginBackfill(db.pool, {
    name: DEMO_HISTORY,
    anchorMs: plan.anchorMs,
    historyFrom: plan.historyFrom,
    seed: plan.seed,
    scale: plan.scale,
    liveRate: plan.liveRatePerSecond,
    liveHours: plan.liveHours,
  });
});
afterAll(async () => db?.drop());

describe('history back-fill', () => {
  it('stores only the newest hour in the first phase and records how far it reached', async () => {
    const state = await newBackfill().runUntil(plan.anchorMs - HOUR);
    const reached = state?.filledFrom ?? 0;
    expect(reached).toBe(plan.anchorMs - HOUR);
    expect((await readBackfill(db.pool, DEMO_HISTORY))?.filledFrom).toBe(reached);
    const [rows] = await db.pool.query('SELECT MIN(ts) AS first, COUNT(*) AS n FROM events');
    const [{ first, n }] = rows as [{ first: number; n: number }];
    expect(Number(first)).toBeGreaterThanOrEqual(reached);
    let expected = 0;
    for (const batch of demoHistoryBatches(plan, plan.historyFrom, plan.anchorMs))
      expected += batch.filter((event) => event.ts >= reached).length;
    expect(Number(n)).toBe(expected);
  });

  it('after a restart, the background phase stores the rest: every hour exactly as one whole seed would, then clears its state', async () => {
    // A new runner, as after a restart: it resumes from the point recorded in the database.
    const rest = newBackfill();
    rest.start();
    await rest.settled();
    expect(sorted(await storedPerHour())).toEqual(sorted(expectedPerHour()));
    const [rows] = await db.pool.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM events',
    );
    const [{ n, ids }] = rows as [{ n: number; ids: number }];
    expect(Number(n)).toBe(Number(ids));
    expect(await readBackfill(db.pool, DEMO_HISTORY)).toBeNull();
  });
});
