import type { EntityKind } from './demo-scenario.ts';
import type { FleetEntity } from './fleet.ts';

/**
 * How often each entity emits, by age relative to the anchor: dense for the last 24 hours (and
 * anything after the anchor), sparser for the week before, sparsest beyond. Keeps a 30-day seed
 * near 2 million events while the window an operator looks at first is minute-resolution rich.
 */
export type Tier = 'dense' | 'recent' | 'archive';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
export const DAY_MS = 86_400_000;

interface TierIntervals {
  /** Per kind, at peak time of day and trafficWeight 1; null: the kind sends no requests or jobs. */
  traffic: Record<EntityKind, number | null>;
  heartbeat: number;
  gauge: number;
}

export const TIER_INTERVALS: Record<Tier, TierIntervals> = {
  dense: {
    traffic: { service: 12 * SECOND, worker: 30 * SECOND, pipeline: 60 * SECOND, host: null },
    heartbeat: MINUTE,
    gauge: MINUTE,
  },
  recent: {
    traffic: { service: 10 * MINUTE, worker: 12 * MINUTE, pipeline: 15 * MINUTE, host: null },
    heartbeat: 15 * MINUTE,
    gauge: 15 * MINUTE,
  },
  archive: {
    traffic: { service: 20 * MINUTE, worker: 20 * MINUTE, pipeline: 30 * MINUTE, host: null },
    heartbeat: 30 * MINUTE,
    gauge: 30 * MINUTE,
  },
};

/** Average of diurnalFactor over a day, used for volume estimates. */
export const MEAN_DIURNAL = 0.65;

export interface TierRange {
  tier: Tier;
  from: number;
  to: number;
}

/** Splits [fromMs, toMs) at the tier boundaries of the given anchor. */
export function tierRanges(anchorMs: number, fromMs: number, toMs: number): TierRange[] {
  const recentStart = anchorMs - 7 * DAY_MS;
  const denseStart = anchorMs - DAY_MS;
  const ranges: TierRange[] = [
    { tier: 'archive', from: fromMs, to: Math.min(toMs, recentStart) },
    { tier: 'recent', from: Math.max(fromMs, recentStart), to: Math.min(toMs, denseStart) },
    { tier: 'dense', from: Math.max(fromMs, denseStart), to: toMs },
  ];
  return ranges.filter((range) => range.to > range.from);
}

export interface StreamIntervals {
  traffic: number | null;
  heartbeat: number;
  gauge: number | null;
}

/**
 * Grid intervals in whole milliseconds. `scale` multiplies every rate (tests seed tiny volumes);
 * `trafficScale` multiplies only requests and jobs (the live simulator's events-per-second knob).
 */
export function streamIntervals(
  entity: FleetEntity,
  tier: Tier,
  scale = 1,
  trafficScale = 1,
): StreamIntervals {
  const base = TIER_INTERVALS[tier];
  const traffic = base.traffic[entity.kind];
  const hasGauge = entity.kind === 'pipeline' || entity.kind === 'host';
  return {
    traffic:
      traffic === null
        ? null
        : Math.max(1, Math.round(traffic / (entity.segment.trafficWeight * scale * trafficScale))),
    heartbeat: Math.max(1, Math.round(base.heartbeat / scale)),
    gauge: hasGauge ? Math.max(1, Math.round(base.gauge / scale)) : null,
  };
}

/**
 * Share of peak traffic at `ts` for users at the given UTC offset: lowest around 03:00 local,
 * highest around 15:00, and a little quieter at weekends.
 */
export function diurnalFactor(utcOffsetHours: number, ts: number): number {
  const localMs = ts + utcOffsetHours * 3_600_000;
  const hour = (localMs % DAY_MS) / 3_600_000;
  const curve = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24));
  const weekday = new Date(localMs).getUTCDay();
  return weekday === 0 || weekday === 6 ? curve * 0.8 : curve;
}

export interface FleetRates {
  /** Requests and jobs per second, averaged over a day. */
  traffic: number;
  /** Heartbeats and gauges per second. */
  background: number;
}

export function fleetRates(
  fleet: readonly FleetEntity[],
  tier: Tier,
  scale = 1,
  trafficScale = 1,
): FleetRates {
  let traffic = 0;
  let background = 0;
  for (const entity of fleet) {
    const intervals = streamIntervals(entity, tier, scale, trafficScale);
    if (intervals.traffic !== null) traffic += (1000 / intervals.traffic) * MEAN_DIURNAL;
    background +=
      1000 / intervals.heartbeat + (intervals.gauge === null ? 0 : 1000 / intervals.gauge);
  }
  return { traffic, background };
}

/**
 * Requests and jobs per second the fleet sends at `ts` (day/night included), and the multiplier on
 * request and job rates that brings the whole fleet to `ratePerSecond` at that moment.
 */
export function trafficScaleFor(
  fleet: readonly FleetEntity[],
  ratePerSecond: number,
  ts: number,
): number {
  let traffic = 0;
  let background = 0;
  for (const entity of fleet) {
    const intervals = streamIntervals(entity, 'dense');
    if (intervals.traffic !== null)
      traffic += (1000 / intervals.traffic) * diurnalFactor(entity.segment.utcOffsetHours, ts);
    background +=
      1000 / intervals.heartbeat + (intervals.gauge === null ? 0 : 1000 / intervals.gauge);
  }
  // Two significant digits: the live grid only shifts when the rate really changes.
  const scale = Math.max(0.01, (ratePerSecond - background) / Math.max(traffic, 1e-9));
  return Number(scale.toPrecision(2));
}

/** Roughly how many events a window produces; used for progress reporting only. */
export function estimateEventCount(
  fleet: readonly FleetEntity[],
  anchorMs: number,
  fromMs: number,
  toMs: number,
  scale = 1,
): number {
  let total = 0;
  for (const range of tierRanges(anchorMs, fromMs, toMs)) {
    const rates = fleetRates(fleet, range.tier, scale);
    total += ((rates.traffic + rates.background) * (range.to - range.from)) / 1000;
  }
  return Math.round(total);
}
