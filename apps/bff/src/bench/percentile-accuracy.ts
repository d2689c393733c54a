import { estimatePercentile, unpackHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { bucketStart, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Pool } from '../db/pool.ts';
import { TRAFFIC_KIND_CODES } from '../modules/ingest/event-codes.ts';
import { ROLLUP_TABLES } from '../modules/rollups/rollup.repository.ts';
import { SCOPE_ENTITY, SCOPE_SEGMENT } from '../modules/rollups/rollup-aggregate.ts';
import { distribution, nearestRank, type Distribution } from './stats.ts';

export const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
export type QuantileName = keyof typeof QUANTILES;

export interface WindowClass {
  label: string;
  windows: number;
  medianEvents: number;
  /** Relative error |estimate − exact| / exact of each quantile, over the windows of the class. */
  errors: Record<QuantileName, Distribution>;
}

export interface AccuracyResult {
  /** Windows holding ≥ minEvents latency samples, per scope and resolution. */
  large: WindowClass[];
  /** Every 1-minute bucket, whatever it holds. */
  minute: WindowClass[];
  minEvents: number;
  /** Windows whose rollup latency_count differs from the raw count (should be 0). */
  countMismatches: number;
}

const SCOPES = [
  [SCOPE_ENTITY, 'entity'],
  [SCOPE_SEGMENT, 'segment'],
] as const;
const RESOLUTIONS: Resolution[] = ['1m', '1h', '1d'];

/** Raw latencies of traffic events, grouped by `${scopeKind}:${scopeId}:${bucketTs}` at every resolution. */
async function rawLatencies(
  pool: Pool,
  fromMs: number,
  toMs: number,
): Promise<Map<Resolution, Map<string, number[]>>> {
  const [rows] = await pool.query({
    sql: 'SELECT entity_id, segment_id, ts, latency_ms FROM events WHERE kind IN (?) AND latency_ms IS NOT NULL AND ts >= ? AND ts < ?',
    rowsAsArray: true,
    values: [TRAFFIC_KIND_CODES, fromMs, toMs],
  });
  const groups = new Map<Resolution, Map<string, number[]>>(
    RESOLUTIONS.map((resolution) => [resolution, new Map()]),
  );
  for (const [entityId, segmentId, ts, latency] of rows as [number, number, number, number][]) {
    for (const resolution of RESOLUTIONS) {
      const bucket = bucketStart(Number(ts), resolution);
      const byKey = groups.get(resolution)!;
      for (const key of [
        `${SCOPE_ENTITY}:${entityId}:${bucket}`,
        `${SCOPE_SEGMENT}:${segmentId}:${bucket}`,
      ]) {
        const list = byKey.get(key);
        if (list) list.push(Number(latency));
        else byKey.set(key, [Number(latency)]);
      }
    }
  }
  return groups;
}

interface RollupLatencyRow {
  scope_kind: number;
  scope_id: number;
  bucket_ts: number;
  latency_count: number;
  latency_max: number | null;
  latency_hist: string;
}

/**
 * Exact nearest-rank p50/p95/p99 from raw events against estimatePercentile over the stored
 * histograms (clamped by latency_max), for every entity and segment bucket of the window.
 */
export async function measurePercentileAccuracy(
  pool: Pool,
  fromMs: number,
  toMs: number,
  minEvents = 1_000,
): Promise<AccuracyResult> {
  const raw = await rawLatencies(pool, fromMs, toMs);
  const large: WindowClass[] = [];
  const minute: WindowClass[] = [];
  let countMismatches = 0;
  for (const resolution of RESOLUTIONS) {
    const rawByKey = raw.get(resolution)!;
    const [rows] = await pool.query(
      `SELECT scope_kind, scope_id, bucket_ts, latency_count, latency_max, latency_hist FROM ${ROLLUP_TABLES[resolution]} WHERE latency_count > 0 AND bucket_ts >= ? AND bucket_ts < ?`,
      [fromMs, toMs],
    );
    const rollups = rows as RollupLatencyRow[];
    let matched = 0;
    for (const [scopeKind, scopeLabel] of SCOPES) {
      const all: { n: number; errors: Record<QuantileName, number> }[] = [];
      for (const row of rollups) {
        if (row.scope_kind !== scopeKind) continue;
        const samples = rawByKey.get(`${scopeKind}:${row.scope_id}:${Number(row.bucket_ts)}`);
        if (samples) matched += 1;
        if (!samples || samples.length !== Number(row.latency_count)) {
          countMismatches += 1;
          continue;
        }
        const sorted = Float64Array.from(samples).sort();
        const hist = unpackHistogram(row.latency_hist);
        const errors = {} as Record<QuantileName, number>;
        for (const [name, q] of Object.entries(QUANTILES) as [QuantileName, number][]) {
          const exact = nearestRank(sorted, q);
          const estimate = estimatePercentile(hist, q, { maxMs: row.latency_max }) ?? Number.NaN;
          errors[name] = exact === 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / exact;
        }
        all.push({ n: sorted.length, errors });
      }
      const label = `${scopeLabel} ${resolution}`;
      if (resolution === '1m') minute.push(summarise(label, all));
      const big = all.filter((window) => window.n >= minEvents);
      if (big.length > 0) large.push(summarise(label, big));
    }
    countMismatches += rawByKey.size - matched;
  }
  return { large, minute, minEvents, countMismatches };
}

function summarise(
  label: string,
  windows: { n: number; errors: Record<QuantileName, number> }[],
): WindowClass {
  const pick = (name: QuantileName) => distribution(windows.map((window) => window.errors[name]));
  return {
    label,
    windows: windows.length,
    medianEvents: distribution(windows.map((window) => window.n)).p50,
    errors: { p50: pick('p50'), p95: pick('p95'), p99: pick('p99') },
  };
}
