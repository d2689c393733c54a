import { setTimeout as delay } from 'node:timers/promises';
import type { Env } from '../env.ts';
import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logger.ts';
import {
  beginBackfill,
  DEMO_HISTORY,
  readBackfill,
  type BackfillState,
} from '../modules/backfill/backfill.repository.ts';
import { HistoryBackfill } from '../modules/backfill/history-backfill.ts';
import { Registry } from '../modules/ingest/registry.ts';
import { RollupWorker } from '../modules/rollups/rollup.worker.ts';
import { demoHistoryPlan, prepareDemoFleet } from '../modules/simulator/seed.ts';

/**
 * How much of the newest history is stored (and rolled up) before the app is served: the hour an
 * operator looks at first. At the live rate it is about 0.7 million events; the rest (30 days,
 * some 5 million events, most of them the other five live-density hours) follows in the background.
 */
export const FIRST_PHASE_MS = 3_600_000;

type Say = (line: string) => void;

/**
 * A first start records the whole demo history as a back-fill in the database, then stores its
 * newest hour at once and rolls it up. A start after an interrupted one resumes the recorded
 * back-fill instead (the same anchor, the same events), storing what the first phase still lacks.
 * With `wholeHistory` (test and bench harnesses that need every day at once) it stores it all.
 * Returns the back-fill still to run, or null when there is none (the history is complete).
 */
export async function seedNewestDemoHistory(
  pool: Pool,
  env: Env,
  logger: Logger,
  say: Say,
  options: { wholeHistory?: boolean } = {},
): Promise<BackfillState | null> {
  const registry = demoRegistry(pool, env);
  const [rows] = await pool.query('SELECT 1 FROM events LIMIT 1');
  let state = await readBackfill(pool, DEMO_HISTORY);
  if ((rows as unknown[]).length === 0 && !state) {
    const plan = demoHistoryPlan({
      pool,
      registry,
      retentionDays: env.WATCHFLOOR_RETENTION_DAYS,
      seed: env.WATCHFLOOR_SEED,
      anchorMs: Date.now(),
      historyDays: env.WATCHFLOOR_SEED_DAYS,
      scale: env.WATCHFLOOR_SEED_SCALE,
      liveRatePerSecond: env.WATCHFLOOR_SIMULATOR ? env.WATCHFLOOR_SIM_RATE : undefined,
    });
    await beginBackfill(pool, {
      name: DEMO_HISTORY,
      anchorMs: plan.anchorMs,
      historyFrom: plan.historyFrom,
      seed: plan.seed,
      scale: plan.scale,
      liveRate: plan.liveRatePerSecond,
      liveHours: plan.liveHours,
    });
    state = await readBackfill(pool, DEMO_HISTORY);
  }
  if (!state) return null;
  await prepareDemoFleet(pool, registry, state.anchorMs);
  const target = options.wholeHistory ? state.historyFrom : state.anchorMs - FIRST_PHASE_MS;
  if (state.filledFrom <= target) return state;

  const what = options.wholeHistory ? 'the demo history' : 'the newest hour';
  say(
    options.wholeHistory
      ? `Seeding the demo fleet: all ${env.WATCHFLOOR_SEED_DAYS} days of history before serving…`
      : `Seeding the demo fleet: the newest hour of history now, the rest of ${env.WATCHFLOOR_SEED_DAYS} days in the background once serving…`,
  );
  const worker = new RollupWorker({ pool, logger, batchSize: 50_000 });
  // Rolling up while ingesting keeps both cores busy; what is left is drained afterwards.
  let ingesting = true;
  const rolling = (async () => {
    while (ingesting)
      if ((await worker.tick({ reconcile: false })).kind !== 'ran') await delay(250);
  })();
  let shown = 0;
  try {
    state = await new HistoryBackfill({
      deps: { pool, registry, retentionDays: env.WATCHFLOOR_RETENTION_DAYS },
      logger,
    }).runUntil(target, (percent) => {
      if (percent < shown + 20) return;
      shown = percent - (percent % 20);
      say(`Seeding ${what}: ${shown} %`);
    });
  } finally {
    ingesting = false;
    await rolling;
  }
  say(`Seeded ${what}; rolling it up…`);
  while ((await worker.tick({ reconcile: false })).kind === 'ran');
  await worker.stop();
  return state;
}

/** The background half: the rest of the recorded history, with progress on the console. */
export function startDemoBackfill(pool: Pool, env: Env, logger: Logger, say: Say): HistoryBackfill {
  const backfill = new HistoryBackfill({
    deps: { pool, registry: demoRegistry(pool, env), retentionDays: env.WATCHFLOOR_RETENTION_DAYS },
    logger: logger.child({ component: 'history-backfill' }),
    say,
  });
  backfill.start();
  return backfill;
}

function demoRegistry(pool: Pool, env: Env): Registry {
  return new Registry(pool, {
    maxSegments: env.WATCHFLOOR_MAX_SEGMENTS,
    maxEntities: env.WATCHFLOOR_MAX_ENTITIES,
  });
}
