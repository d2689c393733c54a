import { createPool } from '../db/pool.ts';
import { MigrationError, migrate } from '../db/migrate.ts';
import { resolveDatabaseServer, type ResolvedServer } from './database/resolve-database.ts';
import { withDatabase } from './database/mysql-url.ts';
import { createDatabaseIfAbsent } from './database/probe.ts';

export interface PreparedDatabase {
  url: string;
  server: ResolvedServer;
}

/** Finds or starts a server, creates the database if absent, and applies pending migrations. */
export async function prepareDatabase(options: {
  mysqlUrl?: string;
  dataDir: string;
  defaultDatabase: string;
  log: (line: string) => void;
}): Promise<PreparedDatabase> {
  const server = await resolveDatabaseServer(options.mysqlUrl, options.dataDir, options.log);
  const database = server.database ?? options.defaultDatabase;
  await createDatabaseIfAbsent(server.serverUrl, database);
  const url = withDatabase(server.serverUrl, database);
  const pool = createPool({ url, connectionLimit: 2 });
  try {
    const ran = await migrate(pool);
    if (ran.length > 0) options.log(`Applied migrations: ${ran.join(', ')}`);
  } catch (error) {
    await server.stop();
    if (error instanceof MigrationError)
      throw new Error(`Migration ${error.file} failed: ${error.dbMessage}`, { cause: error });
    throw error;
  } finally {
    await pool.end();
  }
  return { url, server };
}
