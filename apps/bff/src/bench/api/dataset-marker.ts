import type { Pool } from '../../db/pool.ts';
import {
  BUCKET_COUNT,
  BUCKET_GROWTH,
  MAX_LATENCY_MS,
  MIN_LATENCY_MS,
} from '@watchfloor/shared/metrics/latency-histogram';
import type { DatasetSpec } from './dataset-spec.ts';

/** What a completed load left behind; stored in the marker table so later runs reuse the data. */
export interface DatasetInfo {
  spec: DatasetSpec;
  url: string;
  /** Data covers [startTs, endTs); endTs is the minute the load was anchored at. */
  startTs: number;
  endTs: number;
  totalEvents: number;
  firehose: { id: number; slug: string; events: number };
  segment: { id: number; slug: string; events: number };
  loadedAt: number;
  /** rollupCodeFingerprint() of the code that built the rollups. */
  rollupCode: string;
  rollupsBuiltAt: number;
  load: { ms: number; rowsPerSecond: number };
  rollup: {
    ms: number;
    entityMinutes: number;
    batches: number;
    eventsPerSecond: number;
    entityMinutesPerSecond: number;
  };
}

const MARKER_TABLE = 'api_bench_dataset';

/**
 * What the stored raw events depend on: the spec, and the latency bucket layout (events carry
 * their bucket index). A change of either means the raw events must be generated again.
 */
function rawKey(spec: DatasetSpec): string {
  return JSON.stringify({
    spec,
    buckets: { MIN_LATENCY_MS, BUCKET_GROWTH, MAX_LATENCY_MS, BUCKET_COUNT },
  });
}

export async function writeMarker(pool: Pool, info: DatasetInfo): Promise<void> {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id TINYINT UNSIGNED NOT NULL PRIMARY KEY, spec TEXT NOT NULL, info TEXT NOT NULL) ENGINE=InnoDB`,
  );
  await pool.query(`REPLACE INTO ${MARKER_TABLE} (id, spec, info) VALUES (1, ?, ?)`, [
    rawKey(info.spec),
    JSON.stringify(info),
  ]);
}

/** The info of a complete load of exactly this spec and bucket layout, or null (no marker, another one, or an interrupted load). */
export async function readMarker(pool: Pool, spec: DatasetSpec): Promise<DatasetInfo | null> {
  const [tables] = await pool.query(
    'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [MARKER_TABLE],
  );
  if (Number((tables as { n: number }[])[0]?.n ?? 0) === 0) return null;
  const [rows] = await pool.query(`SELECT spec, info FROM ${MARKER_TABLE} WHERE id = 1`);
  const row = (rows as { spec: string; info: string }[])[0];
  if (!row || row.spec !== rawKey(spec)) return null;
  return JSON.parse(row.info) as DatasetInfo;
}
