import { createLogger } from '../logger.ts';
import { createPool } from '../db/pool.ts';
import { RollupWorker } from '../modules/rollups/rollup.worker.ts';

/**
 * A rollup worker in its own process that stops inside its transaction, after writing rollups
 * and before committing, and says so on stdout: the test kills it there with SIGKILL.
 */
const pool = createPool({ url: process.argv[2]!, connectionLimit: 2 });
const worker = new RollupWorker({
  pool,
  logger: createLogger('silent'),
  workerId: 'doomed',
  leaseSeconds: 2,
  beforeCommit: async () => {
    process.stdout.write('paused-before-commit\n');
    await new Promise(() => undefined);
  },
});
await worker.tick({ reconcile: false });
