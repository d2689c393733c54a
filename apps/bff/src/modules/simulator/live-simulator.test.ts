import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { Registry } from '../ingest/registry.ts';
import { ERROR_SPIKE } from './demo-scenario.ts';
import { LiveSimulator } from './live-simulator.ts';
import { seedDemoFleet } from './seed.ts';
import { clearFaults, entityStates } from './simulation.repository.ts';

const MINUTE = 60_000;
let db: TestDatabase;
let server: ServerType;
let baseUrl: string;
/** While true the test server answers 503, as a BFF that is restarting would. */
let down = false;
const anchorMs = Date.now() - 20 * MINUTE;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

async function countEvents(where: string, params: unknown[]): Promise<number> {
  const [rows] = await db.pool.query(
    `SELECT COUNT(*) AS n FROM events ev JOIN entities e ON e.id = ev.entity_id WHERE ${where}`,
    params,
  );
  return Number((rows as { n: number }[])[0]?.n ?? 0);
}

beforeAll(async () => {
  db = await createTestDatabase();
  const { app } = await createTestApp(db);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch: (request) =>
          down ? new Response('restarting', { status: 503 }) : app.fetch(request),
        hostname: '127.0.0.1',
        port: 0,
      },
      () => resolve(s),
    );
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const registry = new Registry(db.pool, { maxSegments: 100, maxEntities: 1_000 });
  await seedDemoFleet({
    pool: db.pool,
    registry,
    retentionDays: 400,
    seed: 42,
    anchorMs,
    historyDays: 1,
    scale: 0.02,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.drop();
});

describe('LiveSimulator', () => {
  it('fills the gap since the last event, streams about the configured rate, and follows faults, states and outages', async () => {
    const simulator = new LiveSimulator({
      pool: db.pool,
      logger: createLogger('silent'),
      baseUrl,
      token: TEST_TOKEN,
      ratePerSecond: 200,
      seed: 42,
      refreshMs: 300,
    });
    const started = Date.now();
    simulator.start();
    try {
      // The 20-minute hole since the seed is back-filled through the API at seed density.
      await waitFor(async () => (await countEvents('ev.ts >= ?', [started])) > 0);
      expect(simulator.stats.backfillFrom).toBeGreaterThan(anchorMs - MINUTE);
      expect(simulator.stats.backfillFrom).toBeLessThanOrEqual(anchorMs);
      const gapHeartbeats = await countEvents('ev.kind = 3 AND ev.ts >= ? AND ev.ts < ?', [
        anchorMs + MINUTE,
        anchorMs + 2 * MINUTE,
      ]);
      expect(gapHeartbeats).toBeGreaterThan(200);
      expect(
        await countEvents('e.slug = ? AND ev.error_class = ? AND ev.ts > ?', [
          ERROR_SPIKE.culprits[0],
          ERROR_SPIKE.errorClass,
          anchorMs,
        ]),
      ).toBeGreaterThan(5);

      // Live: roughly ratePerSecond events per second of event time.
      await sleep(3_500);
      const liveFrom = Date.now() - 3_000;
      const live = await countEvents('ev.ts >= ? AND ev.ts < ?', [liveFrom, liveFrom + 2_000]);
      expect(live / 2).toBeGreaterThan(140);
      expect(live / 2).toBeLessThan(270);

      // A restart clears the culprit's fault; a drain leaves heartbeats only.
      const states = await entityStates(db.pool);
      const culpritId = states.get(ERROR_SPIKE.culprits[0])?.entityId ?? -1;
      const drainedId = states.get('identity-auth-04')?.entityId ?? -1;
      const changedAt = Date.now();
      expect(await clearFaults(db.pool, culpritId, changedAt)).toBe(1);
      await db.pool.query(
        "UPDATE entities SET state = 'drained', state_changed_at = ? WHERE id = ?",
        [changedAt, drainedId],
      );

      // An outage: nothing is acknowledged for 2 seconds, then the simulator catches up.
      await sleep(1_000);
      down = true;
      const outageFrom = Date.now();
      await sleep(2_000);
      down = false;
      const outageTo = Date.now();
      await waitFor(async () => (await countEvents('ev.ts >= ?', [outageTo + 500])) > 0);
      expect(simulator.stats.failures).toBeGreaterThan(0);
      expect(await countEvents('ev.ts >= ? AND ev.ts < ?', [outageFrom, outageTo])).toBeGreaterThan(
        100,
      );

      const settled = changedAt + 1_000;
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.status = 1', [culpritId, settled]),
      ).toBe(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.kind <> 3', [drainedId, settled]),
      ).toBe(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.kind = 1', [culpritId, settled]),
      ).toBeGreaterThan(0);
    } finally {
      await simulator.stop();
    }
    // Stopped means stopped: nothing new arrives afterwards.
    const after = await countEvents('1 = 1', []);
    await sleep(1_500);
    expect(await countEvents('1 = 1', [])).toBe(after);
  }, 40_000);

  it('survives an unreachable API without throwing and stops promptly', async () => {
    const simulator = new LiveSimulator({
      pool: db.pool,
      logger: createLogger('silent'),
      baseUrl: 'http://127.0.0.1:9',
      token: TEST_TOKEN,
      seed: 42,
    });
    simulator.start();
    await waitFor(async () => simulator.stats.failures > 0, 10_000);
    const stopping = Date.now();
    await simulator.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect(simulator.stats.batchesSent).toBe(0);
  });
});
