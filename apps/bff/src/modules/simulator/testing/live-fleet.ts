import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import { databaseNow } from '../../../db/db-clock.ts';
import { createLogger } from '../../../logger.ts';
import { createTestApp, TEST_TOKEN } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { Registry } from '../../ingest/registry.ts';
import { trafficScaleFor } from '../density.ts';
import { generateEvents } from '../fleet-generator.ts';
import { DEMO_FLEET } from '../fleet.ts';
import type { LiveSimulatorOptions } from '../live-simulator.ts';
import { storedEventId } from '../otlp-spans.ts';
import type { ScheduleTick } from '../schedule-tick.ts';
import { seedDemoFleet } from '../seed.ts';
import { activeFaults, entityStates } from '../simulation.repository.ts';
import { SATURATION_DRAIN_MS } from '../simulator-effects.ts';

export const MINUTE = 60_000;
const SEED = 42;
/** Not the default (200), so the test proves the option is honoured. */
const RATE = 150;
export const TICK_MS = 1_000;

/** Stands in for the timer: the test decides when the simulator's next tick runs. */
export function handTicks() {
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

/**
 * A database seeded with a day of the demo fleet, served over HTTP for the simulator to post to.
 * Fields are set before the file's first test; `down` and `tracesBusyFor` are the test's to flip.
 */
export interface LiveFleet {
  readonly db: TestDatabase;
  baseUrl: string;
  /** Simulated time starts a little in the past by the database clock, so no event is ever "in the future". */
  startMs: number;
  /** Where the seeded history ends, twenty minutes before `startMs`: the gap a first start fills. */
  anchorMs: number;
  /** While true the server answers 503, as a BFF that is restarting would. */
  down: boolean;
  /** While set, /v1/traces answers 429 with this Retry-After (seconds), as an overloaded receiver would. */
  tracesBusyFor: number | null;
  simulatorOptions(overrides: Partial<LiveSimulatorOptions>): LiveSimulatorOptions;
  countEvents(where: string, params: unknown[]): Promise<number>;
  /** The ids stored in [fromMs, toMs), sorted. */
  storedIds(fromMs: number, toMs: number): Promise<string[]>;
  /**
   * What the fleet model holds for [fromMs, toMs) at the test's rate, as a live tick at toMs sees it,
   * under the ids it is stored by (the OTLP-fed segments' requests by trace and span id).
   */
  modelIds(fromMs: number, toMs: number): Promise<string[]>;
}

/** Registers the calling file's hooks and returns its fleet, filled in before its first test. */
export function useLiveFleet(): LiveFleet {
  let db: TestDatabase | undefined;
  let server: ServerType | undefined;
  const fleet: LiveFleet = {
    get db() {
      if (!db) throw new Error('the live fleet is read before its beforeAll ran');
      return db;
    },
    baseUrl: '',
    startMs: Number.NaN,
    anchorMs: Number.NaN,
    down: false,
    tracesBusyFor: null,
    simulatorOptions: (overrides) => ({
      pool: fleet.db.pool,
      logger: createLogger('silent'),
      baseUrl: fleet.baseUrl,
      token: TEST_TOKEN,
      ratePerSecond: RATE,
      seed: SEED,
      tickMs: TICK_MS,
      refreshMs: 300,
      ...overrides,
    }),
    async countEvents(where, params) {
      const [rows] = await fleet.db.pool.query(
        `SELECT COUNT(*) AS n FROM events ev JOIN entities e ON e.id = ev.entity_id WHERE ${where}`,
        params,
      );
      return Number((rows as { n: number }[])[0]?.n ?? 0);
    },
    async storedIds(fromMs, toMs) {
      const [rows] = await fleet.db.pool.query(
        'SELECT event_id FROM events WHERE ts >= ? AND ts < ?',
        [fromMs, toMs],
      );
      return (rows as { event_id: string }[]).map((row) => row.event_id).sort();
    },
    async modelIds(fromMs, toMs) {
      const [faults, states] = await Promise.all([
        activeFaults(fleet.db.pool, { clearedSince: toMs - SATURATION_DRAIN_MS }),
        entityStates(fleet.db.pool),
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
    },
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    fleet.startMs = (await databaseNow(fleet.db.pool)) - 5 * MINUTE;
    fleet.anchorMs = fleet.startMs - 20 * MINUTE;
    const { app } = await createTestApp(fleet.db);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve(
        {
          fetch: (request) =>
            fleet.down
              ? new Response('restarting', { status: 503 })
              : fleet.tracesBusyFor !== null && new URL(request.url).pathname === '/v1/traces'
                ? new Response('{"code":8,"message":"busy"}', {
                    status: 429,
                    headers: { 'retry-after': String(fleet.tracesBusyFor) },
                  })
                : app.fetch(request),
          hostname: '127.0.0.1',
          port: 0,
        },
        () => resolve(s),
      );
    });
    const address = server.address();
    fleet.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const registry = new Registry(fleet.db.pool, { maxSegments: 100, maxEntities: 1_000 });
    await seedDemoFleet({
      pool: fleet.db.pool,
      registry,
      retentionDays: 400,
      seed: SEED,
      anchorMs: fleet.anchorMs,
      historyDays: 1,
      scale: 0.02,
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.drop();
  });

  return fleet;
}
