import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPool } from '../db/pool.ts';
import { findUserByUsername, setUserDisabled } from '../modules/auth/users.repository.ts';
import { prepareDatabase } from './prepare-database.ts';

/**
 * `npm run user:disable -- --username X` / `npm run user:enable -- --username X`. Disabling
 * revokes every session of the user for good; enabling lets them sign in again, reviving none.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values } = parseArgs({
  options: { username: { type: 'string' }, enable: { type: 'boolean', default: false } },
});
const verb = values.enable ? 'enable' : 'disable';
if (!values.username) {
  console.error(`Usage: npm run user:${verb} -- --username <name>`);
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
  if (!(await findUserByUsername(pool, values.username))) {
    console.error(`No user "${values.username}".`);
    process.exitCode = 1;
  } else {
    // Sessions are stamped by the BFF's clock, so the revocation stamp uses the same clock.
    await setUserDisabled(pool, values.username, !values.enable, Date.now());
    console.log(
      values.enable
        ? `User "${values.username}" enabled; earlier sessions stay revoked.`
        : `User "${values.username}" disabled; every session revoked.`,
    );
  }
} finally {
  await pool.end();
  await database.server.stop();
}
