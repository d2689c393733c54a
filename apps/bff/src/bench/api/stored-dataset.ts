import { withDatabase } from '../../cli/database/mysql-url.ts';
import { createPool } from '../../db/pool.ts';
import { AbSetupError } from './ab-args.ts';
import { readMarker, type DatasetInfo } from './dataset-marker.ts';
import type { DatasetSpec } from './dataset-spec.ts';

/**
 * The complete stored data set bench:api loaded earlier, or a setup error saying how to load it.
 * `databaseOption` is the --database the user gave, repeated in the hint.
 */
export async function storedDataset(
  serverUrl: string,
  spec: DatasetSpec,
  url: string,
  databaseOption: string | undefined,
): Promise<DatasetInfo> {
  const missing = `no complete ${spec.label} data set in database ${spec.database}: run \`npm run bench:api${databaseOption ? ` -- --database ${databaseOption}` : ''}\` once to load it`;
  const pool = createPool({
    url: withDatabase(serverUrl, 'information_schema'),
    connectionLimit: 1,
  });
  try {
    const [rows] = await pool.query(
      'SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = ?',
      [spec.database],
    );
    if (Number((rows as { n: number }[])[0]?.n ?? 0) === 0) throw new AbSetupError(missing);
  } finally {
    await pool.end();
  }
  const data = createPool({ url, connectionLimit: 1 });
  try {
    const info = await readMarker(data, spec);
    if (!info) throw new AbSetupError(missing);
    return { ...info, url };
  } finally {
    await data.end();
  }
}
