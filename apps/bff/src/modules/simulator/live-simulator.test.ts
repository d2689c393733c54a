import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createLogger } from '../../logger.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { Registry } from '../ingest/registry.ts';
import { ERROR_SPIKE } from './demo-scenario.ts';
import { trafficScaleFor } from './density.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { postEvents } from './ingest-client.ts';
import { BACKFILL_MIN_GAP_MS, LiveSimulator, type LiveSimulatorOptions } from './live-simulator.ts';
import { postSpans } from './otlp-client.ts';
import { OTLP_SEGMENTS, storedEventId } from './otlp-spans.ts';
import type { ScheduleTick } from './schedule-tick.ts';
import { seedDemoFleet } from './seed.ts';
import { activeFaults, clearFaults, entityStates, newestEventTs } from './simulation.repository.ts';
import { SATURATION_DRAIN_MS } from './simulator-effects.ts';

const MINUTE = 60_000;
const SEED = 42;
/** Not the default (200), so the test proves the option is honoured. */
const RATE = 150;
const TICK_MS = 1_000;
let db: TestDatabase;
let server: ServerType;
let baseUrl: string;
/** While true the test server answers 503, as a BFF that is restarting would. */
let down = false;
/** While set, /v1/traces answers 429 with this Retry-After (seconds), as an overloaded receiver would. */
let tracesBusyFor: number | null = null;
/** Simulated time starts a little in the past by the database clock, so no event is ever "in the future". */
let startMs: number;
let anchorMs: number;

/** Stands in for the timer: the test decides when the simulator's next tick runs. */
function handTicks() {
  let due: { tick: () => void; delayMs: number } | null = null;
  let onScheduled: (() => void) | null = null;
  const scheduleTick: ScheduleTick = (tick, delayMs) => {
    const entry = { tick, delayMs };
    due = entry;
    onScheduled?.();
    return () => {
      if (due === entry) due = null;
    };
  };
  const fire = (): void => {
    const entry = due;
    if (!entry) throw new Error('no tick is scheduled');
    due = null;
    entry.tick();
  };
  return {
    scheduleTick,
    fire,
    /** The delay the simulator asked for before its next tick; null when none is scheduled. */
    dueDelay: (): number | null => due?.delayMs ?? null,
    /** Runs the scheduled tick and resolves, once it is done, with the delay asked for the next. */
    async step(): Promise<number> {
      const scheduled = new Promise<void>((resolve) => (onScheduled = resolve));
      fire();
      await scheduled;
      return due?.delayMs ?? Number.NaN;
    },
  };
}

const simulatorOptions = (overrides: Partial<LiveSimulatorOptions>): LiveSimulatorOptions => ({
  pool: db.pool,
  logger: createLogger('silent'),
  baseUrl,
  token: TEST_TOKEN,
  ratePerSecond: RATE,
  seed: SEED,
  tickMs: TICK_MS,
  refreshMs: 300,
  ...overrides,
});

async function countEvents(where: string, params: unknown[]): Promise<number> {
  const [rows] = await db.pool.query(
    `SELECT COUNT(*) AS n FROM events ev JOIN entities e ON e.id = ev.entity_id WHERE ${where}`,
    params,
  );
  return Number((rows as { n: number }[])[0]?.n ?? 0);
}

async function storedIds(fromMs: number, toMs: number): Promise<string[]> {
  const [rows] = await db.pool.query('SELECT event_id FROM events WHERE ts >= ? AND ts < ?', [
    fromMs,
    toMs,
  ]);
  return (rows as { event_id: string }[]).map((row) => row.event_id).sort();
}

/**
 * What the fleet model holds for [fromMs, toMs) at the test's rate, as a live tick at toMs sees it,
 * under the ids it is stored by (the OTLP-fed segments' requests by trace and span id).
 */
async function modelIds(fromMs: number, toMs: number): Promise<string[]> {
  const [faults, states] = await Promise.all([
    activeFaults(db.pool, { clearedSince: toMs - SATURATION_DRAIN_MS }),
    entityStates(db.pool),
  ]);
  const batches = generateEvents({
    seed: SEED,
    anchorMs: toMs,
    fromMs,
    toMs,
    faults,
    states,
    trafficScale: trafficScaleFor(DEMO_FLEET, RATE, toMs),
  });
  return [...batches].flat().map(storedEventId).sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  startMs = (await databaseNow(db.pool)) - 5 * MINUTE;
  anchorMs = startMs - 20 * MINUTE;
  const { app } = await createTestApp(db);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch: (request) =>
          down
            ? new Response('restarting', { status: 503 })
            : tracesBusyFor !== null && new URL(request.url).pathname === '/v1/traces'
              ? new Response('{"code":8,"message":"busy"}', {
                  status: 429,
                  headers: { 'retry-after': String(tracesBusyFor) },
                })
              : app.fetch(request),
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
    seed: SEED,
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
  it('fills the gap since the last event, then streams exactly the fleet model at the configured rate, following faults, states and outages', async () => {
    let clock = startMs;
    const ticks = handTicks();
    // Which segments' traffic each path carried.
    const carried = { json: new Set<string>(), otlp: new Set<string>() };
    const traffic = (kind: string) => kind === 'request' || kind === 'job';
    const simulator = new LiveSimulator(
      simulatorOptions({
        now: () => clock,
        scheduleTick: ticks.scheduleTick,
        // The 20-minute hole is filled at seed density, the quick way for long gaps.
        liveBackfillMaxMs: 10 * MINUTE,
        post: (url, token, events, signal) => {
          for (const e of events) if (traffic(e.kind)) carried.json.add(e.segment);
          return postEvents(url, token, events, signal);
        },
        postSpans: (url, token, events, signal) => {
          for (const e of events) carried.otlp.add(traffic(e.kind) ? e.segment : `${e.kind}!`);
          return postSpans(url, token, events, signal);
        },
      }),
    );
    simulator.start();
    try {
      // The 20-minute hole since the seed is back-filled at seed density (a tick that leaves the
      // simulator behind asks for the next one at once); once caught up, ticks are tickMs apart.
      let delay = await ticks.step();
      for (let catchUpTicks = 1; delay === 0; catchUpTicks += 1) {
        if (catchUpTicks > 100) throw new Error('still catching up after 100 ticks');
        delay = await ticks.step();
      }
      expect(delay).toBe(TICK_MS);
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
      expect(await storedIds(startMs, Number.MAX_SAFE_INTEGER)).toEqual([]);

      // Live: each simulated second holds exactly the model's events for that second at RATE
      // events per second (density.test.ts checks the model's rate itself).
      for (let second = 0; second < 5; second += 1) {
        const from = clock;
        clock += delay;
        delay = await ticks.step();
        const stored = await storedIds(from, clock);
        expect(stored.length).toBeGreaterThan(0);
        expect(stored).toEqual(await modelIds(from, clock));
      }
      // The OTLP-fed segments' requests went as spans and were stored with their trace ids; the
      // rest of the fleet, and those segments' heartbeats, as event JSON.
      expect(carried.otlp).toEqual(OTLP_SEGMENTS);
      expect([...carried.json].filter((segment) => OTLP_SEGMENTS.has(segment))).toEqual([]);
      expect(carried.json.size).toBeGreaterThan(5);
      expect(simulator.stats.spansSent).toBeGreaterThan(0);
      expect(simulator.stats.spansRejected).toBe(0);
      const [traced] = await db.pool.query(
        `SELECT s.slug AS segment, ev.kind, COUNT(*) AS n, COUNT(ev.trace_id) AS traced
           FROM events ev JOIN segments s ON s.id = ev.segment_id
          WHERE ev.ts >= ? GROUP BY s.slug, ev.kind`,
        [startMs],
      );
      for (const row of traced as { segment: string; kind: number; n: number; traced: number }[])
        expect([row.segment, row.kind, Number(row.traced)]).toEqual([
          row.segment,
          row.kind,
          OTLP_SEGMENTS.has(row.segment) && row.kind === 1 ? Number(row.n) : 0,
        ]);

      // A restart clears the culprit's fault; a drain leaves heartbeats only.
      const states = await entityStates(db.pool);
      const culpritId = states.get(ERROR_SPIKE.culprits[0])?.entityId ?? -1;
      const drainedId = states.get('identity-auth-04')?.entityId ?? -1;
      const changedAt = clock;
      expect(await clearFaults(db.pool, culpritId, changedAt)).toBe(1);
      await db.pool.query(
        "UPDATE entities SET state = 'drained', state_changed_at = ? WHERE id = ?",
        [changedAt, drainedId],
      );
      clock += delay;
      delay = await ticks.step();

      // An outage: nothing is acknowledged for two ticks, then one tick catches the gap up.
      const outageFrom = clock;
      down = true;
      for (let failed = 0; failed < 2; failed += 1) {
        clock += delay;
        delay = await ticks.step();
      }
      down = false;
      expect(simulator.stats.failures).toBe(2);
      expect(await storedIds(outageFrom, clock)).toEqual([]);
      clock += delay;
      delay = await ticks.step();
      const caughtUp = await storedIds(outageFrom, clock);
      expect(caughtUp.length).toBeGreaterThan(100);
      expect(caughtUp).toEqual(await modelIds(outageFrom, clock));

      for (let second = 0; second < 20; second += 1) {
        clock += delay;
        delay = await ticks.step();
      }
      // The fault's own errors stop at once. (Background errors, 0.1-0.3 % of any entity's requests,
      // go on: about one 20-second window in twenty holds one for this entity.)
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.error_class = ?', [
          culpritId,
          changedAt,
          ERROR_SPIKE.errorClass,
        ]),
      ).toBe(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.error_class = ?', [
          culpritId,
          changedAt - 5 * MINUTE,
          ERROR_SPIKE.errorClass,
        ]),
      ).toBeGreaterThan(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.kind <> 3', [drainedId, changedAt]),
      ).toBe(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.kind = 1', [culpritId, changedAt]),
      ).toBeGreaterThan(0);
    } finally {
      await simulator.stop();
    }
    // Stopped means stopped: the tick that was due is cancelled and no other is scheduled.
    expect(ticks.dueDelay()).toBeNull();
  });

  it('holds off for the Retry-After of a refused OTLP export, then sends the same window again', async () => {
    // Three minutes after the newest stored event: a short gap, whichever tests ran before.
    let clock = ((await newestEventTs(db.pool)) ?? Number.NaN) + 3 * MINUTE;
    const ticks = handTicks();
    const simulator = new LiveSimulator(
      simulatorOptions({ now: () => clock, scheduleTick: ticks.scheduleTick, signalsEveryMs: 0 }),
    );
    simulator.start();
    try {
      // Catch up to the clock first, so the refused window is one ordinary tick. The gap since the
      // last test is short, so it is filled at live density: no dip where it meets live traffic.
      while ((await ticks.step()) === 0);
      const gapFrom = simulator.stats.backfillFrom ?? Number.NaN;
      expect(clock - gapFrom).toBeGreaterThan(BACKFILL_MIN_GAP_MS);
      expect(await storedIds(gapFrom + 1, clock)).toEqual(await modelIds(gapFrom + 1, clock));
      const from = clock;
      clock += TICK_MS;
      tracesBusyFor = 30;
      expect(await ticks.step()).toBe(30_000);
      tracesBusyFor = null;
      expect(simulator.stats).toMatchObject({ failures: 1, spansRejected: 0 });
      const spansBefore = simulator.stats.spansSent;
      const duplicatesBefore = simulator.stats.duplicates;
      clock += 30_000;
      expect(await ticks.step()).toBe(TICK_MS);
      // The window is sent again whole: its JSON part, already stored, comes back as duplicates.
      expect(simulator.stats.spansSent).toBeGreaterThan(spansBefore);
      expect(simulator.stats.duplicates).toBeGreaterThan(duplicatesBefore);
      expect(await storedIds(from, clock)).toEqual(await modelIds(from, clock));
    } finally {
      tracesBusyFor = null;
      await simulator.stop();
    }
  });

  it('keeps ticking through an unreachable API, counting each failed tick and sending nothing', async () => {
    const clock = await databaseNow(db.pool);
    const ticks = handTicks();
    const simulator = new LiveSimulator(
      simulatorOptions({
        baseUrl: 'http://127.0.0.1:9',
        now: () => clock,
        scheduleTick: ticks.scheduleTick,
      }),
    );
    simulator.start();
    await ticks.step();
    await ticks.step();
    expect(simulator.stats).toMatchObject({ failures: 2, batchesSent: 0, accepted: 0 });
    expect(ticks.dueDelay()).not.toBeNull();
    await simulator.stop();
    expect(ticks.dueDelay()).toBeNull();
  });

  it('stop() cuts short the request in flight, reports no failure for it and schedules no further tick', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    // Takes requests and never answers them.
    const silent = createServer(() => arrived());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    let inFlight: AbortSignal | undefined;
    const clock = await databaseNow(db.pool);
    const ticks = handTicks();
    const simulator = new LiveSimulator(
      simulatorOptions({
        baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        now: () => clock,
        scheduleTick: ticks.scheduleTick,
        post: (url, token, events, signal) => {
          inFlight = signal;
          return postEvents(url, token, events, signal);
        },
      }),
    );
    try {
      simulator.start();
      ticks.fire();
      await requestArrived;
      const stopping = simulator.stop();
      // Aborted at once, not left to the request's own timeout.
      expect(inFlight?.aborted).toBe(true);
      await stopping;
      expect(simulator.stats).toMatchObject({ failures: 0, batchesSent: 0 });
      expect(ticks.dueDelay()).toBeNull();
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
