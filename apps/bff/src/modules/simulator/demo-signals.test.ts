import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { Registry } from '../ingest/registry.ts';
import { RATE_WINDOW_MS } from './demo-alerts.ts';
import { demoChanges } from './demo-changes.ts';
import { ERROR_SPIKE, HISTORICAL_INCIDENTS } from './demo-scenario.ts';
import { DemoSignals, type DemoSignalsOptions } from './demo-signals.ts';
import { seedDemoFleet } from './seed.ts';
import { clearFaults, entityStates } from './simulation.repository.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SEED = 42;
/** Enough to reach back to the oldest historical incident. */
const HISTORY_DAYS = 14;
let db: TestDatabase;
let server: ServerType;
let baseUrl: string;
let anchorMs: number;

const options = (): DemoSignalsOptions => ({
  pool: db.pool,
  baseUrl,
  token: TEST_TOKEN,
  seed: SEED,
  historyDays: HISTORY_DAYS,
});

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await db.pool.query(sql, params);
  return result as T[];
}

interface EpisodeRow {
  alertname: string;
  entity_key: string | null;
  starts_at: number;
  ends_at: number | null;
  generator_url: string | null;
}

/** The culprit's episode of today's spike, not the one its forerunner raised days ago. */
const isTodays = (entity: string) => (e: EpisodeRow) =>
  e.entity_key === entity && e.starts_at > anchorMs - DAY;

const episodes = () =>
  rows<EpisodeRow>(
    'SELECT alertname, entity_key, starts_at, ends_at, generator_url FROM alert_episodes ORDER BY alertname, entity_key, starts_at',
  );

beforeAll(async () => {
  db = await createTestDatabase();
  anchorMs = (await databaseNow(db.pool)) - 10 * MINUTE;
  const { app } = await createTestApp(db);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Registers the fleet and records the ongoing faults; a sliver of history is all this needs.
  await seedDemoFleet({
    pool: db.pool,
    registry: new Registry(db.pool, { maxSegments: 100, maxEntities: 1_000 }),
    retentionDays: 400,
    seed: SEED,
    anchorMs,
    historyDays: 1 / 24,
    scale: 0.01,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.drop();
});

describe('DemoSignals', () => {
  it('reports the history at start: every change once, past alerts as closed episodes, ongoing ones open, and the Watchdog', async () => {
    const signals = new DemoSignals(options());
    expect(await signals.cycle(anchorMs + MINUTE)).toBeNull();

    const expectedChanges = demoChanges(
      SEED,
      anchorMs,
      anchorMs - HISTORY_DAYS * DAY,
      anchorMs + MINUTE + 1,
    );
    const changes = await rows<{ change_id: string; type: string }>(
      'SELECT change_id, type FROM changes ORDER BY start_ts, change_id',
    );
    expect(changes.map((c) => c.change_id).sort()).toEqual(expectedChanges.map((c) => c.id).sort());
    expect(new Set(changes.map((c) => c.type))).toEqual(
      new Set(['deploy', 'config', 'flag', 'infra']),
    );
    expect(signals.stats).toMatchObject({
      changesAccepted: expectedChanges.length,
      changesRejected: 0,
      alertsRejected: 0,
      failures: 0,
    });

    const stored = await episodes();
    const open = stored.filter((e) => e.ends_at === null);
    const closed = stored.filter((e) => e.ends_at !== null);
    expect(open.map((e) => e.alertname).sort()).toEqual(
      [
        ...ERROR_SPIKE.culprits.map(() => 'HighErrorRate'),
        'InstanceDown',
        ...Array.from({ length: 8 }, () => 'LatencyP95High'),
        'QueueSaturated',
      ].sort(),
    );
    expect(closed).toHaveLength(HISTORICAL_INCIDENTS.reduce((n, i) => n + i.entities.length, 0));
    expect(
      stored.every((e) => e.generator_url?.startsWith('http://prometheus.demo.invalid/')),
    ).toBe(true);
    // The heartbeat opens no episode; it only says the pipeline is alive.
    expect(stored.some((e) => e.alertname === 'Watchdog')).toBe(false);
    expect(await rows('SELECT name FROM alert_heartbeats')).toEqual([{ name: 'Watchdog' }]);
  });

  it('changes nothing when restarted on the same history, and closes an alert once its fault is cleared', async () => {
    const before = await episodes();
    const restarted = new DemoSignals(options());
    expect(await restarted.cycle(anchorMs + 2 * MINUTE)).toBeNull();
    expect(restarted.stats.changesAccepted).toBe(0);
    expect(restarted.stats.changesDuplicates).toBeGreaterThan(20);
    expect(await episodes()).toEqual(before);

    // A restart action clears the culprit's fault: the alert resolves a rate window later.
    const culpritId = (await entityStates(db.pool)).get(ERROR_SPIKE.culprits[0])?.entityId ?? -1;
    const clearedAt = anchorMs + 3 * MINUTE;
    expect(await clearFaults(db.pool, culpritId, clearedAt)).toBe(1);
    expect(await restarted.cycle(clearedAt + RATE_WINDOW_MS - 1)).toBeNull();
    const stillFiring = (await episodes()).find(isTodays(ERROR_SPIKE.culprits[0]));
    expect(stillFiring?.ends_at).toBeNull();
    expect(await restarted.cycle(clearedAt + RATE_WINDOW_MS)).toBeNull();
    const after = await episodes();
    expect(after.find(isTodays(ERROR_SPIKE.culprits[0]))?.ends_at).toBe(clearedAt + RATE_WINDOW_MS);
    expect(after.find(isTodays(ERROR_SPIKE.culprits[1]))?.ends_at).toBeNull();
  });
});
