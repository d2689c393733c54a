import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from '../db/pool.ts';
import { migrate } from '../db/migrate.ts';
import { withDatabase } from '../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../cli/database/probe.ts';

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/**
 * A throwaway, migrated database (watchfloor_test_<random>) on the real server: the one `npm test`
 * resolved (WATCHFLOOR_TEST_SERVER_URL), else MariaDB on 127.0.0.1:3306. Dropped by drop().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.WATCHFLOOR_TEST_SERVER_URL ?? 'mysql://root@127.0.0.1:3306';
  const name = `watchfloor_test_${randomBytes(5).toString('hex')}`;
  await createDatabaseIfAbsent(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  const pool = createPool({ url, connectionLimit: 10 });
  await migrate(pool);
  return {
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      await dropDatabase(serverUrl, name);
    },
  };
}
