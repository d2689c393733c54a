import { randomBytes } from 'node:crypto';
import { withDatabase } from '../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../cli/database/probe.ts';
import { migrate } from '../db/migrate.ts';
import { createPool, type Pool } from '../db/pool.ts';

export interface BenchDatabase {
  name: string;
  url: string;
  /** The bench's own pool: truncation, measurements and the raw INSERT baseline. */
  pool: Pool;
  drop(): Promise<void>;
}

/** Tables written by ingest and the worker; emptied between phases so each starts from the same state. */
const DATA_TABLES = [
  'events',
  'rollup_dirty',
  'rollups_1m',
  'rollups_1h',
  'rollups_1d',
  'rollup_breakdown_1m',
  'rollup_breakdown_1h',
  'worker_runs',
  'reconciliation_runs',
  'reconciliation_mismatches',
];

/** A throwaway, migrated database (watchfloor_bench_<random>). drop() is idempotent. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `watchfloor_bench_${randomBytes(5).toString('hex')}`;
  await createDatabaseIfAbsent(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  const pool = createPool({ url, connectionLimit: 8 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await pool.end().catch(() => undefined);
    await dropDatabase(serverUrl, name);
  };
  try {
    await migrate(pool);
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, pool, drop };
}

/** Empties raw events, rollups and worker bookkeeping; segments, entities and tokens stay. */
export async function truncateData(pool: Pool): Promise<void> {
  for (const table of DATA_TABLES) await pool.query(`TRUNCATE TABLE ${table}`);
}

/** A table with the exact schema of `events`, for the raw INSERT baseline and size measurements. */
export async function createEventsCopy(pool: Pool, table: string): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query(`CREATE TABLE ${table} LIKE events`);
}
