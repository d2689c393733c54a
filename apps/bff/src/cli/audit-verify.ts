import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPool } from '../db/pool.ts';
import { DEMO_AUDIT_KEY } from '../modules/audit/audit-hash.ts';
import { verifyAuditChain } from '../modules/audit/audit-verify.ts';
import { prepareDatabase } from './prepare-database.ts';

/**
 * `npm run audit:verify [-- --url mysql://user@host:3306/db]`: checks the audit chain offline and
 * names the first record that does not match. Exit 0 when intact, 1 when not, 2 on usage errors.
 * The checkpoint key comes from WATCHFLOOR_AUDIT_KEY (the demo key when unset), as for the server.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values } = parseArgs({ options: { url: { type: 'string' }, json: { type: 'boolean' } } });
if (values.url !== undefined && !/^mysql:\/\//.test(values.url)) {
  console.error('Usage: npm run audit:verify [-- --url mysql://user@host:3306/database] [--json]');
  process.exit(2);
}
const key = process.env.WATCHFLOOR_AUDIT_KEY ?? DEMO_AUDIT_KEY;
const database = values.url
  ? { url: values.url, server: { stop: async () => undefined } }
  : await prepareDatabase({
      mysqlUrl: process.env.MYSQL_URL,
      dataDir: path.join(root, '.data'),
      defaultDatabase: 'watchfloor',
      log: () => undefined,
    });
const pool = createPool({ url: database.url, connectionLimit: 1 });
let intact: boolean;
try {
  const result = await verifyAuditChain(pool, key);
  intact = result.ok;
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else if (result.ok)
    console.log(
      `Audit chain intact: ${result.checkedRecords} record(s)${result.checkpoint ? `, matches the signed checkpoint at record ${result.checkpoint.seq}` : ', no checkpoint yet'}.`,
    );
  else
    console.log(
      `Audit chain BROKEN at record ${result.firstMismatch!.seq}: ${result.firstMismatch!.reason} (${result.checkedRecords} record(s) before it are intact).`,
    );
} finally {
  await pool.end();
  await database.server.stop();
}
process.exit(intact ? 0 : 1);
