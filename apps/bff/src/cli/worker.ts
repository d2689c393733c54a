import { loadEnv } from '../env.ts';
import { createLogger } from '../logger.ts';
import { createPool } from '../db/pool.ts';
import { RollupWorker } from '../modules/rollups/rollup.worker.ts';

/** `npm run worker`: the rollup worker alone, for running it apart from the BFF (WATCHFLOOR_WORKER=0 there). */
const env = loadEnv({
  ...process.env,
  MYSQL_URL: process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/watchfloor',
});
const logger = createLogger(env.LOG_LEVEL);
const pool = createPool({ url: env.MYSQL_URL, connectionLimit: 4 });
const worker = new RollupWorker({ pool, logger });
worker.start();
logger.info({ workerId: worker.workerId }, 'rollup worker started');
const stop = async () => {
  await worker.stop();
  await pool.end();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
