import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logger.ts';
import { Registry } from '../modules/ingest/registry.ts';
import { RollupWorker } from '../modules/rollups/rollup.worker.ts';
import { seedDemoFleet } from '../modules/simulator/seed.ts';

export const DAY_MS = 86_400_000;

export interface FleetDay {
  /** The UTC day [fromMs, toMs) that holds the data. */
  fromMs: number;
  toMs: number;
  events: number;
  ingestSeconds: number;
  rollupSeconds: number;
  dirtyRows: number;
  bucketsWritten: number;
  workerRuns: number;
}

/**
 * One full UTC day (yesterday) of the demo fleet, ingested through the ingest service the API uses,
 * then rolled up to completion by the real worker, run tick by tick.
 */
export async function loadFleetDay(pool: Pool, logger: Logger, scale: number): Promise<FleetDay> {
  const toMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const registry = new Registry(pool, { maxSegments: 1_000, maxEntities: 20_000 });
  const seeded = await seedDemoFleet({
    pool,
    registry,
    retentionDays: 400,
    seed: 42,
    anchorMs: toMs,
    historyDays: 1,
    scale,
    concurrency: 2,
  });
  if (seeded.rejected > 0) throw new Error(`demo fleet seed rejected ${seeded.rejected} events`);

  const worker = new RollupWorker({ pool, logger, batchSize: 20_000, workerId: 'bench-fleet-day' });
  const started = performance.now();
  let dirtyRows = 0;
  let bucketsWritten = 0;
  let workerRuns = 0;
  try {
    for (;;) {
      const result = await worker.tick({ reconcile: false });
      if (result.kind === 'not_leader')
        throw new Error('another rollup worker holds the lease on the bench database');
      if (result.kind === 'idle') break;
      dirtyRows += result.processed;
      bucketsWritten += result.buckets;
      workerRuns += 1;
    }
  } finally {
    await worker.stop();
  }
  return {
    fromMs: toMs - DAY_MS,
    toMs,
    events: seeded.accepted,
    ingestSeconds: seeded.durationMs / 1000,
    rollupSeconds: (performance.now() - started) / 1000,
    dirtyRows,
    bucketsWritten,
    workerRuns,
  };
}
