import { packBucketPoint } from './bucket-point.ts';
import { numberOrNull } from '../../db/row-values.ts';
import {
  mergeHistograms,
  packHistogram,
  unpackHistogram,
  type LatencyHistogram,
} from '@watchfloor/shared/metrics/latency-histogram';

export const SCOPE_ENTITY = 1;
export const SCOPE_SEGMENT = 2;
/** The whole fleet: one row per bucket (scope id 0), the sum of every segment. */
export const SCOPE_FLEET = 3;
export const FLEET_SCOPE_ID = 0;
export type ScopeKind = typeof SCOPE_ENTITY | typeof SCOPE_SEGMENT | typeof SCOPE_FLEET;

/** One rollup bucket for one scope: everything needed to merge it into coarser buckets. */
export interface RollupAggregate {
  scopeKind: ScopeKind;
  scopeId: number;
  bucketTs: number;
  events: number;
  requests: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
  latencyMax: number | null;
  hist: LatencyHistogram;
  gaugeCount: number;
  gaugeSum: number | null;
  gaugeMin: number | null;
  gaugeMax: number | null;
  heartbeats: number;
  alerts: number;
  lastTs: number;
  /** The stored point of a row read back (every row has one since migration 0014); never merged. */
  point?: string | null;
  /** An hour row's minutes as the minute_points column stores them; set when writing hours. */
  minutePoints?: string;
}

export function emptyAggregate(
  scopeKind: ScopeKind,
  scopeId: number,
  bucketTs: number,
): RollupAggregate {
  return {
    scopeKind,
    scopeId,
    bucketTs,
    ...emptyFigures(),
    hist: new Map(),
    heartbeats: 0,
    alerts: 0,
  };
}

/** The figures of no bucket at all, which merging starts from. */
export function emptyFigures(): RollupFigures {
  return {
    events: 0,
    requests: 0,
    errors: 0,
    latencyCount: 0,
    latencySum: 0,
    latencyMax: null,
    gaugeCount: 0,
    gaugeSum: null,
    gaugeMin: null,
    gaugeMax: null,
    lastTs: 0,
  };
}

/** Null-aware combinators: a missing value (no latency, no gauge reading) never wins or adds. */
export const maxOf = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);
export const minOf = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
export const sumOf = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : a + b;

/** The figures every rollup reader and writer combines the same way; histograms vary by holder. */
export type RollupFigures = Pick<
  RollupAggregate,
  | 'events'
  | 'requests'
  | 'errors'
  | 'latencyCount'
  | 'latencySum'
  | 'latencyMax'
  | 'gaugeCount'
  | 'gaugeSum'
  | 'gaugeMin'
  | 'gaugeMax'
  | 'lastTs'
>;

/** The one merge rule of rollup figures: counts and sums add, extremes take the extreme. */
export function mergeFigures(target: RollupFigures, source: RollupFigures): void {
  target.events += source.events;
  target.requests += source.requests;
  target.errors += source.errors;
  target.latencyCount += source.latencyCount;
  target.latencySum += source.latencySum;
  target.latencyMax = maxOf(target.latencyMax, source.latencyMax);
  target.gaugeCount += source.gaugeCount;
  target.gaugeSum = sumOf(target.gaugeSum, source.gaugeSum);
  target.gaugeMin = minOf(target.gaugeMin, source.gaugeMin);
  target.gaugeMax = maxOf(target.gaugeMax, source.gaugeMax);
  target.lastTs = Math.max(target.lastTs, source.lastTs);
}

/** Adds source into target: figures merge, histograms merge, heartbeats and alerts add. */
export function mergeAggregate(target: RollupAggregate, source: RollupAggregate): RollupAggregate {
  mergeFigures(target, source);
  mergeHistograms(target.hist, source.hist);
  target.heartbeats += source.heartbeats;
  target.alerts += source.alerts;
  return target;
}

export const ROLLUP_COLUMNS = [
  'scope_kind',
  'scope_id',
  'bucket_ts',
  'events',
  'requests',
  'errors',
  'latency_count',
  'latency_sum',
  'latency_max',
  'latency_hist',
  'gauge_count',
  'gauge_sum',
  'gauge_min',
  'gauge_max',
  'heartbeats',
  'alerts',
  'last_ts',
  'point',
] as const;

export interface RollupDbRow {
  scope_kind: number;
  scope_id: number;
  bucket_ts: number;
  events: number;
  requests: number;
  errors: number;
  latency_count: number;
  latency_sum: number;
  latency_max: number | null;
  latency_hist: string;
  gauge_count: number;
  gauge_sum: number | null;
  gauge_min: number | null;
  gauge_max: number | null;
  heartbeats: number;
  alerts: number;
  last_ts: number;
  point: string | null;
}

export function aggregateFromDb(row: RollupDbRow): RollupAggregate {
  return {
    scopeKind: row.scope_kind as ScopeKind,
    scopeId: Number(row.scope_id),
    bucketTs: Number(row.bucket_ts),
    events: Number(row.events),
    requests: Number(row.requests),
    errors: Number(row.errors),
    latencyCount: Number(row.latency_count),
    latencySum: Number(row.latency_sum),
    latencyMax: numberOrNull(row.latency_max),
    hist: unpackHistogram(row.latency_hist),
    gaugeCount: Number(row.gauge_count),
    gaugeSum: numberOrNull(row.gauge_sum),
    gaugeMin: numberOrNull(row.gauge_min),
    gaugeMax: numberOrNull(row.gauge_max),
    heartbeats: Number(row.heartbeats),
    alerts: Number(row.alerts),
    lastTs: Number(row.last_ts),
    point: row.point ?? null,
  };
}

export function aggregateToDbValues(a: RollupAggregate): (number | string | null)[] {
  const hist = packHistogram(a.hist);
  return [
    a.scopeKind,
    a.scopeId,
    a.bucketTs,
    a.events,
    a.requests,
    a.errors,
    a.latencyCount,
    a.latencySum,
    a.latencyMax,
    hist,
    a.gaugeCount,
    a.gaugeSum,
    a.gaugeMin,
    a.gaugeMax,
    a.heartbeats,
    a.alerts,
    a.lastTs,
    packBucketPoint(a, hist),
  ];
}
