import type { Pool } from '../db/pool.ts';
import { TRAFFIC_KIND_CODES } from '../modules/ingest/event-codes.ts';
import { SCOPE_ENTITY } from '../modules/rollups/rollup-aggregate.ts';

export interface TableSize {
  table: string;
  rows: number;
  dataBytes: number;
  indexBytes: number;
  totalBytes: number;
}

export interface StorageResult {
  raw: TableSize;
  rollups: TableSize[];
  rollupBytes: number;
  /** Entities that sent no requests or jobs all day (heartbeats and gauges only). */
  sparse: {
    entities: number;
    rawRowsPerEntity: number;
    rollupRowsPerEntity: number;
    /** Their rows copied alone into same-schema tables, then measured (bytes per entity-day). */
    measured: { rawBytes: number; rollupBytes: number };
    /** Whole-table average bytes per row × their rows (bytes per entity-day). */
    estimated: { rawBytes: number; rollupBytes: number };
  };
}

const ROLLUP_TABLES = ['rollups_1m', 'rollups_1h', 'rollups_1d'];

/** Exact row count plus InnoDB's data and index size after ANALYZE TABLE refreshed the statistics. */
export async function tableSize(pool: Pool, table: string): Promise<TableSize> {
  await pool.query(`ANALYZE TABLE ${table}`);
  const [stats] = await pool.query(
    'SELECT data_length, index_length FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  );
  const [count] = await pool.query(`SELECT COUNT(*) AS n FROM ${table}`);
  const stat = (stats as { data_length: number; index_length: number }[])[0];
  if (!stat) throw new Error(`no statistics for ${table}`);
  const dataBytes = Number(stat.data_length);
  const indexBytes = Number(stat.index_length);
  return {
    table,
    rows: Number((count as { n: number }[])[0]?.n ?? 0),
    dataBytes,
    indexBytes,
    totalBytes: dataBytes + indexBytes,
  };
}

const perRow = (size: TableSize) => (size.rows === 0 ? 0 : size.totalBytes / size.rows);

/** Raw vs rollup bytes for the data loaded (one day), overall and for sparse entities. */
export async function measureStorage(pool: Pool): Promise<StorageResult> {
  const raw = await tableSize(pool, 'events');
  const rollups = await Promise.all(ROLLUP_TABLES.map((table) => tableSize(pool, table)));
  const [sparseRows] = await pool.query(
    'SELECT entity_id FROM events GROUP BY entity_id HAVING SUM(kind IN (?)) = 0',
    [TRAFFIC_KIND_CODES],
  );
  const sparseIds = (sparseRows as { entity_id: number }[]).map((row) => row.entity_id);
  if (sparseIds.length === 0)
    throw new Error('the fleet day has no sparse (heartbeat/gauge-only) entities');

  // Copies keep the write order of the originals: events by id, rollups minute by minute across scopes.
  await pool.query('DROP TABLE IF EXISTS bench_sparse_events');
  await pool.query('CREATE TABLE bench_sparse_events LIKE events');
  await pool.query(
    'INSERT INTO bench_sparse_events SELECT * FROM events WHERE entity_id IN (?) ORDER BY id',
    [sparseIds],
  );
  const sparseRaw = await tableSize(pool, 'bench_sparse_events');
  let measuredRollup = 0;
  let estimatedRollup = 0;
  let rollupRows = 0;
  for (const [index, table] of ROLLUP_TABLES.entries()) {
    const copy = `bench_sparse_${table}`;
    await pool.query(`DROP TABLE IF EXISTS ${copy}`);
    await pool.query(`CREATE TABLE ${copy} LIKE ${table}`);
    await pool.query(
      `INSERT INTO ${copy} SELECT * FROM ${table} WHERE scope_kind = ? AND scope_id IN (?) ORDER BY bucket_ts, scope_id`,
      [SCOPE_ENTITY, sparseIds],
    );
    const size = await tableSize(pool, copy);
    measuredRollup += size.totalBytes;
    estimatedRollup += size.rows * perRow(rollups[index]!);
    rollupRows += size.rows;
    await pool.query(`DROP TABLE ${copy}`);
  }
  await pool.query('DROP TABLE bench_sparse_events');

  const n = sparseIds.length;
  return {
    raw,
    rollups,
    rollupBytes: rollups.reduce((sum, size) => sum + size.totalBytes, 0),
    sparse: {
      entities: n,
      rawRowsPerEntity: sparseRaw.rows / n,
      rollupRowsPerEntity: rollupRows / n,
      measured: { rawBytes: sparseRaw.totalBytes / n, rollupBytes: measuredRollup / n },
      estimated: { rawBytes: (sparseRaw.rows * perRow(raw)) / n, rollupBytes: estimatedRollup / n },
    },
  };
}
