import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Code whose change can change what the rollup tables hold (tests excluded). */
const SOURCES = [
  path.join(here, '../../modules/rollups'),
  path.join(here, '../../db/migrations'),
  path.join(here, '../../../../../packages/shared/src/metrics'),
];

/**
 * A hash of the rollup worker, the schema and the shared metric definitions. A stored data set
 * whose rollups were built by other code gets them rebuilt from its raw events before it is read.
 */
export async function rollupCodeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of SOURCES) {
    const files = (await readdir(dir))
      .filter((file) => /\.(ts|sql)$/.test(file) && !file.endsWith('.test.ts'))
      .sort();
    for (const file of files) hash.update(file).update(await readFile(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}
