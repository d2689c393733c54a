import type { Pool } from '../../db/pool.ts';
import { createLogger } from '../../logger.ts';
import { Registry } from '../../modules/ingest/registry.ts';
import { RollupWorker } from '../../modules/rollups/rollup.worker.ts';
import { seedDemoFleet } from '../../modules/simulator/seed.ts';

/**
 * The demo fleet with one day of thin history, rolled up: enough for dashboards and a closed
 * window to read, small enough that every write (replicated to three nodes) is done in seconds.
 */
export async function seedClusterData(pool: Pool): Promise<number> {
  const registry = new Registry(pool, { maxSegments: 1_000, maxEntities: 20_000 });
  const seeded = await seedDemoFleet({
    pool,
    registry,
    retentionDays: 400,
    seed: 7,
    anchorMs: Date.now(),
    historyDays: 1,
    scale: 0.25,
    liveRatePerSecond: 2,
    liveHours: 3,
  });
  const worker = new RollupWorker({ pool, logger: createLogger('silent'), batchSize: 50_000 });
  while ((await worker.tick({ reconcile: false })).kind === 'ran');
  await worker.stop();
  return seeded.accepted;
}
