import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPool } from '../db/pool.ts';
import { createIngestToken } from '../modules/auth/ingest-token.service.ts';
import { prepareDatabase } from './prepare-database.ts';

/** `npm run token:create -- --name X`: creates (or replaces) an ingest token and prints it once. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values } = parseArgs({ options: { name: { type: 'string' } } });
if (!values.name || !/^[\w.-]{1,64}$/.test(values.name)) {
  console.error(
    'Usage: npm run token:create -- --name <name>   (letters, digits, . _ -; at most 64)',
  );
  process.exit(2);
}
const database = await prepareDatabase({
  mysqlUrl: process.env.MYSQL_URL,
  dataDir: path.join(root, '.data'),
  defaultDatabase: 'watchfloor',
  log: () => undefined,
});
const pool = createPool({ url: database.url, connectionLimit: 1 });
try {
  const token = await createIngestToken(pool, values.name);
  console.log(`Ingest token "${values.name}" (shown once; only its hash is stored):\n${token}`);
} finally {
  await pool.end();
  await database.server.stop();
}
