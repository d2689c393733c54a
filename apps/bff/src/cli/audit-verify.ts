import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_AUDIT_KEY } from '../modules/audit/audit-hash.ts';
import { verifyAnchorsOffline, verifyAuditDatabase } from './audit-verify-run.ts';
import { prepareDatabase } from './prepare-database.ts';

/**
 * `npm run audit:verify [-- --url mysql://user@host:3306/db] [--anchors DIR] [--public-key sha256:…]`:
 * checks the audit chain and names the first record that does not match, against the checkpoints
 * anchored in DIR (default WATCHFLOOR_AUDIT_ANCHOR_DIR) when given. `--offline --anchors DIR`
 * checks the anchors alone, with no database and no secret. Exit 0 when intact, 1 when not, 2 on
 * usage errors. The checkpoint key comes from WATCHFLOOR_AUDIT_KEY (the demo key when unset).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const usage =
  'Usage: npm run audit:verify [-- --url mysql://user@host:3306/database] [--anchors DIR] [--public-key sha256:HEX] [--offline] [--json]';
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    anchors: { type: 'string' },
    'public-key': { type: 'string' },
    offline: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
const anchorDir = values.anchors ?? (process.env.WATCHFLOOR_AUDIT_ANCHOR_DIR || undefined);
if (
  (values.url !== undefined && !/^mysql:\/\//.test(values.url)) ||
  (values.offline && !anchorDir)
) {
  console.error(usage);
  process.exit(2);
}
const publicKey = values['public-key'];
let exitCode: number;
if (values.offline) {
  const run = await verifyAnchorsOffline(anchorDir!, { publicKey, json: values.json });
  console.log(run.text);
  exitCode = run.exitCode;
} else {
  const database = values.url
    ? { url: values.url, server: { stop: async () => undefined } }
    : await prepareDatabase({
        mysqlUrl: process.env.MYSQL_URL,
        dataDir: path.join(root, '.data'),
        defaultDatabase: 'watchfloor',
        log: () => undefined,
      });
  try {
    const run = await verifyAuditDatabase(database.url, {
      key: process.env.WATCHFLOOR_AUDIT_KEY ?? DEMO_AUDIT_KEY,
      anchorDir,
      publicKey,
      json: values.json,
    });
    console.log(run.text);
    exitCode = run.exitCode;
  } finally {
    await database.server.stop();
  }
}
process.exit(exitCode);
