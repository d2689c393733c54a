import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { RollupWorker } from '../../modules/rollups/rollup.worker.ts';

export interface CatchUpResult {
  ms: number;
  batches: number;
  entityMinutes: number;
}

/**
 * Runs the product's rollup worker over every dirty entity-minute until nothing is left: the same
 * code path as live operation, so its duration is the worker's catch-up rate from raw events.
 */
export async function catchUpRollups(
  pool: Pool,
  logger: Logger,
  progress: (message: string) => void,
): Promise<CatchUpResult> {
  const worker = new RollupWorker({
    pool,
    logger,
    batchSize: 50_000,
    workerId: 'api-bench-loader',
    leaseSeconds: 60,
  });
  const startedAt = performance.now();
  let batches = 0;
  let entityMinutes = 0;
  try {
    for (;;) {
      const result = await worker.tick({ reconcile: false });
      if (result.kind === 'not_leader') {
        // A lease left by an interrupted earlier load expires on its own.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        continue;
      }
      if (result.kind !== 'ran') break;
      batches += 1;
      entityMinutes += result.processed;
      if (batches % 5 === 0) {
        const seconds = (performance.now() - startedAt) / 1000;
        progress(
          `rollups: ${entityMinutes.toLocaleString('en-US')} entity-minutes in ${seconds.toFixed(0)} s`,
        );
      }
    }
  } finally {
    await worker.stop();
  }
  return { ms: performance.now() - startedAt, batches, entityMinutes };
}

const ROLLUP_STATE_TABLES = [
  'rollups_1m',
  'rollups_1h',
  'rollups_1d',
  'rollup_dirty',
  'worker_runs',
  'reconciliation_runs',
  'reconciliation_mismatches',
];

/**
 * Throws the rollups away and marks every entity-minute that has raw events dirty again (one
 * entity at a time, along its (entity_id, ts) index: no statement scans the whole events table),
 * then lets the worker rebuild everything.
 */
export async function rebuildRollupsFromRaw(
  pool: Pool,
  span: { startTs: number; endTs: number },
  logger: Logger,
  progress: (message: string) => void,
): Promise<CatchUpResult> {
  for (const table of ROLLUP_STATE_TABLES) await pool.query(`TRUNCATE TABLE ${table}`);
  const now = Date.now();
  const [entities] = await pool.query('SELECT id FROM entities ORDER BY id');
  for (const { id } of entities as { id: number }[]) {
    await pool.query(
      `INSERT INTO rollup_dirty (entity_id, minute_ts, created_at)
       SELECT DISTINCT entity_id, FLOOR(ts / 60000) * 60000, ? FROM events WHERE entity_id = ? AND ts >= ? AND ts < ?`,
      [now, id, span.startTs, span.endTs],
    );
  }
  progress('rollups: every entity-minute marked dirty; rebuilding');
  return catchUpRollups(pool, logger, progress);
}
