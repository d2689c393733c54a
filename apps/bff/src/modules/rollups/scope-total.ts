import { HistogramAccumulator } from '@watchfloor/shared/metrics/histogram-accumulator';
import {
  emptyFigures,
  maxOf,
  mergeFigures,
  minOf,
  sumOf,
  type RollupFigures,
} from './rollup-aggregate.ts';
import type { RollupReadRow } from './rollup-read-row.ts';

/** Counts, sums and extremes of one scope over some buckets; the histogram stays dense and mutable. */
export interface ScopeTotal extends RollupFigures {
  scopeId: number;
  hist: HistogramAccumulator;
}

export function emptyTotal(scopeId: number): ScopeTotal {
  return { scopeId, ...emptyFigures(), hist: new HistogramAccumulator() };
}

/**
 * Adds a row's counts, sums and extremes and its histogram by the rule of mergeFigures, straight
 * from the row array: no figures object per row on this hot path.
 */
export function addRow(target: ScopeTotal, row: RollupReadRow): void {
  target.events += row[2];
  target.requests += row[3];
  target.errors += row[4];
  target.latencyCount += row[5];
  target.latencySum += row[6];
  target.latencyMax = maxOf(target.latencyMax, row[7]);
  target.gaugeCount += row[9];
  target.gaugeSum = sumOf(target.gaugeSum, row[10]);
  target.gaugeMin = minOf(target.gaugeMin, row[11]);
  target.gaugeMax = maxOf(target.gaugeMax, row[12]);
  target.lastTs = Math.max(target.lastTs, row[13]);
  target.hist.addPacked(row[8]);
}

/** Adds source into target, histogram included. */
export function addTotal(target: ScopeTotal, source: ScopeTotal): ScopeTotal {
  mergeFigures(target, source);
  target.hist.addAccumulator(source.hist);
  return target;
}
