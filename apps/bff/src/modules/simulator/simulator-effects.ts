/**
 * What a simulated entity emits at a given instant, from its injected faults and its operational
 * state. Pure: the generator, the live simulator and tests all share this one rule set, and a
 * control action only has to change the inputs (clear a fault, change a state) to change the output.
 */

export const FAULT_KINDS = ['errors', 'latency', 'silent', 'saturation'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const ENTITY_STATES = ['active', 'drained', 'quarantined', 'paused'] as const;
export type EntityState = (typeof ENTITY_STATES)[number];

export interface SimFault {
  entity: string;
  fault: FaultKind;
  errorClass: string | null;
  errorRate: number | null;
  latencyFactor: number | null;
  /** saturation: the gauge level reached at the end of the ramp (the queue capacity). */
  targetValue: number | null;
  /** saturation: how long the gauge takes to climb from its baseline to targetValue. */
  rampMs: number | null;
  startedAt: number;
  clearedAt: number | null;
}

export interface EntitySimState {
  state: EntityState;
  /** When the state was entered; before that the entity is taken to have been active. */
  changedAt: number | null;
}

export interface SimEffects {
  heartbeat: boolean;
  traffic: boolean;
  gauge: boolean;
  /** Error probability a fault imposes on each request or job; 0 when no fault applies. */
  faultErrorRate: number;
  faultErrorClass: string | null;
  latencyFactor: number;
  /** 0..1: how far the gauge has moved from its baseline towards gaugeTarget. */
  gaugeFill: number;
  gaugeTarget: number | null;
}

/** A paused pipeline's queue fills from baseline to capacity in this long. */
export const PAUSE_FILL_MS = 2 * 3_600_000;
/** After a saturation fault is cleared the backlog drains over this long instead of vanishing. */
export const SATURATION_DRAIN_MS = 10 * 60_000;

export const NO_EFFECTS: Readonly<SimEffects> = Object.freeze({
  heartbeat: true,
  traffic: true,
  gauge: true,
  faultErrorRate: 0,
  faultErrorClass: null,
  latencyFactor: 1,
  gaugeFill: 0,
  gaugeTarget: null,
});

const isActiveAt = (fault: SimFault, ts: number): boolean =>
  fault.startedAt <= ts && (fault.clearedAt === null || ts < fault.clearedAt);

/** Convex ramp: a stalled consumer's backlog grows slowly at first, then fast. */
const rampFill = (elapsed: number, rampMs: number): number =>
  Math.min(1, Math.max(0, elapsed / Math.max(1, rampMs)) ** 1.5);

function saturationFill(fault: SimFault, ts: number): number {
  if (ts < fault.startedAt) return 0;
  const rampMs = fault.rampMs ?? PAUSE_FILL_MS;
  if (fault.clearedAt === null || ts < fault.clearedAt)
    return rampFill(ts - fault.startedAt, rampMs);
  const atClear = rampFill(fault.clearedAt - fault.startedAt, rampMs);
  return atClear * Math.max(0, 1 - (ts - fault.clearedAt) / SATURATION_DRAIN_MS);
}

/**
 * Effects at `ts` for one entity. `faults` are that entity's faults (active or recently cleared);
 * `capacity` is the entity's gauge ceiling when it has a queue.
 */
export function simulatorEffects(
  ts: number,
  faults: readonly SimFault[],
  state?: EntitySimState,
  capacity: number | null = null,
): SimEffects {
  const stateApplies =
    state !== undefined &&
    state.state !== 'active' &&
    (state.changedAt === null || ts >= state.changedAt);
  if (faults.length === 0 && !stateApplies) return NO_EFFECTS;

  const effects: SimEffects = { ...NO_EFFECTS };
  for (const fault of faults) {
    if (fault.fault === 'saturation') {
      const fill = saturationFill(fault, ts);
      if (fill > effects.gaugeFill) {
        effects.gaugeFill = fill;
        effects.gaugeTarget = fault.targetValue ?? capacity;
      }
      continue;
    }
    if (!isActiveAt(fault, ts)) continue;
    if (fault.fault === 'silent') {
      effects.heartbeat = false;
      effects.traffic = false;
      effects.gauge = false;
    } else if (fault.fault === 'errors' && (fault.errorRate ?? 0) > effects.faultErrorRate) {
      effects.faultErrorRate = Math.min(1, fault.errorRate ?? 0);
      effects.faultErrorClass = fault.errorClass ?? 'InjectedFault';
    } else if (fault.fault === 'latency') {
      effects.latencyFactor *= fault.latencyFactor ?? 1;
    }
  }
  // A backed-up queue makes each job wait and run longer.
  effects.latencyFactor *= 1 + 2 * effects.gaugeFill;

  if (stateApplies && state) {
    if (state.state === 'drained') {
      effects.traffic = false;
      effects.gauge = false;
    } else if (state.state === 'quarantined') {
      effects.traffic = false;
    } else if (state.state === 'paused') {
      effects.traffic = false;
      const fill = rampFill(ts - (state.changedAt ?? ts), PAUSE_FILL_MS);
      if (capacity !== null && fill > effects.gaugeFill) {
        effects.gaugeFill = fill;
        effects.gaugeTarget = capacity;
      }
    }
  }
  return effects;
}
