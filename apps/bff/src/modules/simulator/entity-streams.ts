import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { diurnalFactor, type StreamIntervals } from './density.ts';
import { ERROR_MESSAGES, type FleetEntity } from './fleet.ts';
import { Rng, hashInts } from './prng.ts';
import { simulatorEffects, type EntitySimState, type SimFault } from './simulator-effects.ts';

/** A generated event: ts is always epoch ms, so batches can be ordered and compared. */
export type SimEvent = IngestEventInput & { id: string; ts: number };

export interface EntityWindow {
  seed: number;
  intervals: StreamIntervals;
  faults: readonly SimFault[];
  state: EntitySimState | undefined;
}

const STREAM_TRAFFIC = 1;
const STREAM_HEARTBEAT = 2;
const STREAM_GAUGE = 3;

const rng = new Rng();

export const simEventId = (seed: number, entity: string, ts: number, stream: string): string =>
  `sim-${seed}-${entity}-${ts}-${stream}`;

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Appends the entity's events with from <= ts < to. Each stream sits on a fixed grid of slots; a
 * slot's timestamp and every draw about it come from its own key, and all draws are made before
 * effects are applied, so clearing a fault changes outcomes but never shifts another event.
 */
export function emitEntityWindow(
  out: SimEvent[],
  entity: FleetEntity,
  from: number,
  to: number,
  window: EntityWindow,
): void {
  const { seed, intervals, faults, state } = window;
  const base = { segment: entity.segment.slug, entity: entity.slug };

  const interval = intervals.traffic;
  if (interval !== null) {
    for (
      let k = Math.floor(from / interval), last = Math.floor((to - 1) / interval);
      k <= last;
      k += 1
    ) {
      rng.reseed(hashInts(seed, entity.hash, STREAM_TRAFFIC, k, interval));
      const ts = k * interval + Math.floor(rng.next() * interval);
      if (ts < from || ts >= to) continue;
      const keep = rng.next();
      const errorDraw = rng.next();
      const classDraw = rng.next();
      const z = rng.normal();
      if (keep >= diurnalFactor(entity.segment.utcOffsetHours, ts)) continue;
      const effects = simulatorEffects(ts, faults, state, entity.capacity);
      if (!effects.traffic) continue;
      let errorClass: string | null = null;
      if (errorDraw < effects.faultErrorRate) errorClass = effects.faultErrorClass;
      else if (errorDraw < entity.baseErrorRate)
        errorClass =
          entity.errorClasses[Math.floor(classDraw * entity.errorClasses.length)] ?? null;
      const latency =
        entity.medianMs *
        effects.latencyFactor *
        Math.exp(entity.latencySigma * z) *
        (errorClass ? 2.5 : 1);
      const event: SimEvent = {
        id: simEventId(seed, entity.slug, ts, 't'),
        ts,
        ...base,
        kind: entity.kind === 'service' ? 'request' : 'job',
        status: errorClass ? 'error' : 'ok',
        latencyMs: round1(latency),
      };
      if (errorClass) {
        event.errorClass = errorClass;
        event.message = `${errorClass}: ${ERROR_MESSAGES[errorClass] ?? 'failed'}`;
      }
      out.push(event);
    }
  }

  forEachPhasedSlot(seed, entity.hash, STREAM_HEARTBEAT, intervals.heartbeat, from, to, (ts) => {
    if (!simulatorEffects(ts, faults, state, entity.capacity).heartbeat) return;
    out.push({
      id: simEventId(seed, entity.slug, ts, 'h'),
      ts,
      ...base,
      kind: 'heartbeat',
      status: 'ok',
      attrs: { entityKind: entity.kind },
    });
  });

  if (intervals.gauge !== null) {
    forEachPhasedSlot(seed, entity.hash, STREAM_GAUGE, intervals.gauge, from, to, (ts, z) => {
      const effects = simulatorEffects(ts, faults, state, entity.capacity);
      if (!effects.gauge) return;
      const daily = diurnalFactor(entity.segment.utcOffsetHours, ts);
      const id = simEventId(seed, entity.slug, ts, 'g');
      if (entity.kind === 'pipeline') {
        const baseline = Math.max(0, entity.gaugeBaseline * (0.5 + 0.5 * daily) * (1 + 0.08 * z));
        const target = effects.gaugeTarget ?? baseline;
        const depth = Math.min(
          entity.capacity ?? Infinity,
          baseline + (target - baseline) * effects.gaugeFill,
        );
        out.push({
          id,
          ts,
          ...base,
          kind: 'gauge',
          status: 'ok',
          value: Math.round(depth),
          attrs: { metric: 'queue_depth', capacity: entity.capacity },
        });
      } else {
        const cpu = Math.min(100, Math.max(1, entity.gaugeBaseline * (0.6 + 0.6 * daily) + 3 * z));
        out.push({
          id,
          ts,
          ...base,
          kind: 'gauge',
          status: 'ok',
          value: round1(cpu),
          attrs: { metric: 'cpu_pct' },
        });
      }
    });
  }
}

/**
 * Slots at a fixed per-entity phase with a little jitter, so consecutive heartbeats and gauge
 * readings stay about one interval apart (a silence detector can rely on that).
 */
function forEachPhasedSlot(
  seed: number,
  entityHash: number,
  stream: number,
  interval: number,
  from: number,
  to: number,
  fn: (ts: number, z: number) => void,
): void {
  const jitter = Math.min(2_000, Math.floor(interval / 10));
  const phase = hashInts(entityHash, stream) % Math.max(1, interval - jitter);
  for (
    let k = Math.floor(from / interval), last = Math.floor((to - 1) / interval);
    k <= last;
    k += 1
  ) {
    rng.reseed(hashInts(seed, entityHash, stream, k, interval));
    const ts = k * interval + phase + Math.floor(rng.next() * jitter);
    if (ts < from || ts >= to) continue;
    fn(ts, rng.normal());
  }
}
