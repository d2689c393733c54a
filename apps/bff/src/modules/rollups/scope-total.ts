import { HistogramAccumulator } from '@watchfloor/shared/metrics/histogram-accumulator';
import type { LatencySummary } from '@watchfloor/shared/overview';
import { maxOf, mergeFigures, minOf, sumOf } from '../rollups/rollup-aggregate.ts';

export { estimateLatency } from '../rollups/bucket-point.ts';

/**
 * What the drill-down reads from a rollup row, in SELECT order (rows travel as arrays: one object
 * per row with named keys was a measurable share of a 1,440-row read).
 */
export type RollupReadRow = [
  scopeId: number,
  bucketTs: number,
  events: number,
  requests: number,
  errors: number,
  latencyCount: number,
  latencySum: number,
  latencyMax: number | null,
  latencyHist: string,
  gaugeCount: number,
  gaugeSum: number | null,
  gaugeMin: number | null,
  gaugeMax: number | null,
  lastTs: number,
];

export const ROLLUP_READ_COLUMNS =
  'scope_id, bucket_ts, events, requests, errors, latency_count, latency_sum, latency_max, latency_hist, gauge_count, gauge_sum, gauge_min, gauge_max, last_ts';

/** Counts, sums and extremes of one scope over some buckets; the histogram stays dense and mutable. */
export interface ScopeTotal {
  scopeId: number;
  events: number;
  requests: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
  latencyMax: number | null;
  hist: HistogramAccumulator;
  gaugeCount: number;
  gaugeSum: number | null;
  gaugeMin: number | null;
  gaugeMax: number | null;
  lastTs: number;
}

export function emptyTotal(scopeId: number): ScopeTotal {
  return {
    scopeId,
    events: 0,
    requests: 0,
    errors: 0,
    latencyCount: 0,
    latencySum: 0,
    latencyMax: null,
    hist: new HistogramAccumulator(),
    gaugeCount: 0,
    gaugeSum: null,
    gaugeMin: null,
    gaugeMax: null,
    lastTs: 0,
  };
}

const numberOrNull = (value: number | null) => (value === null ? null : Number(value));

type Figures = Omit<ScopeTotal, 'hist' | 'scopeId'>;

/**
 * Adds a row's counts, sums and extremes (not its histogram) by the rule of mergeFigures, straight
 * from the row array: no figures object per row on this hot path.
 */
export function addRowFigures(target: Figures, row: RollupReadRow): void {
  target.events += Number(row[2]);
  target.requests += Number(row[3]);
  target.errors += Number(row[4]);
  target.latencyCount += Number(row[5]);
  target.latencySum += Number(row[6]);
  target.latencyMax = maxOf(target.latencyMax, numberOrNull(row[7]));
  target.gaugeCount += Number(row[9]);
  target.gaugeSum = sumOf(target.gaugeSum, numberOrNull(row[10]));
  target.gaugeMin = minOf(target.gaugeMin, numberOrNull(row[11]));
  target.gaugeMax = maxOf(target.gaugeMax, numberOrNull(row[12]));
  target.lastTs = Math.max(target.lastTs, Number(row[13]));
}

export function addRow(target: ScopeTotal, row: RollupReadRow): void {
  addRowFigures(target, row);
  target.hist.addPacked(row[8]);
}

/** Adds source into target, histogram included. */
export function addTotal(target: ScopeTotal, source: ScopeTotal): ScopeTotal {
  mergeFigures(target, source);
  target.hist.addAccumulator(source.hist);
  return target;
}
