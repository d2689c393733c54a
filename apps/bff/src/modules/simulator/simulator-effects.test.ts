import { describe, expect, it } from 'vitest';
import { ERROR_SPIKE, SATURATING_PIPELINE } from './demo-scenario.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { ongoingScenarioFaults } from './scenario-faults.ts';
import {
  PAUSE_FILL_MS,
  SATURATION_DRAIN_MS,
  simulatorEffects,
  type EntitySimState,
  type SimFault,
} from './simulator-effects.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);

function entityEvents(
  entity: string,
  fromMs: number,
  toMs: number,
  faults: SimFault[] = [],
  state?: EntitySimState,
): SimEvent[] {
  const fleet = DEMO_FLEET.filter((e) => e.slug === entity);
  const states = state ? new Map([[entity, state]]) : undefined;
  return [
    ...generateEvents({
      seed: 42,
      anchorMs: ANCHOR,
      fromMs,
      toMs,
      fleet,
      faults,
      states,
    }),
  ].flat();
}

const kinds = (events: SimEvent[]) => new Set(events.map((e) => e.kind));
const faultFor = (entity: string) =>
  ongoingScenarioFaults(ANCHOR).filter((f) => f.entity === entity);

describe('simulatorEffects', () => {
  it('changes nothing for an active entity without faults', () => {
    expect(
      simulatorEffects(ANCHOR, [], { state: 'active', changedAt: ANCHOR - HOUR }),
    ).toMatchObject({
      heartbeat: true,
      traffic: true,
      gauge: true,
      faultErrorRate: 0,
      latencyFactor: 1,
    });
  });

  it('ignores a state before it was entered', () => {
    expect(
      simulatorEffects(ANCHOR - 2 * HOUR, [], { state: 'drained', changedAt: ANCHOR - HOUR })
        .traffic,
    ).toBe(true);
    expect(
      simulatorEffects(ANCHOR, [], { state: 'drained', changedAt: ANCHOR - HOUR }).traffic,
    ).toBe(false);
  });
});

describe('entity states and faults shape what an entity emits', () => {
  it('a drained service sends heartbeats only', () => {
    const events = entityEvents('checkout-eu-api-01', ANCHOR - HOUR, ANCHOR, [], {
      state: 'drained',
      changedAt: ANCHOR - 30 * MINUTE,
    });
    expect(kinds(events.filter((e) => e.ts < ANCHOR - 30 * MINUTE))).toContain('request');
    expect(kinds(events.filter((e) => e.ts >= ANCHOR - 30 * MINUTE))).toEqual(
      new Set(['heartbeat']),
    );
  });

  it('a quarantined host stops traffic but keeps heartbeats and gauges; a quarantined service serves nothing', () => {
    const service = entityEvents('identity-auth-01', ANCHOR - HOUR, ANCHOR, [], {
      state: 'quarantined',
      changedAt: ANCHOR - HOUR,
    });
    expect(kinds(service)).toEqual(new Set(['heartbeat']));
    const pipeline = entityEvents('orders-enrich-eu-02', ANCHOR - HOUR, ANCHOR, [], {
      state: 'quarantined',
      changedAt: ANCHOR - HOUR,
    });
    expect(kinds(pipeline)).toEqual(new Set(['heartbeat', 'gauge']));
  });

  it('a paused pipeline runs no jobs and its queue grows towards capacity', () => {
    const pausedAt = ANCHOR - PAUSE_FILL_MS;
    const events = entityEvents('orders-enrich-eu-02', pausedAt - HOUR, ANCHOR, [], {
      state: 'paused',
      changedAt: pausedAt,
    });
    expect(events.filter((e) => e.kind === 'job' && e.ts >= pausedAt)).toEqual([]);
    expect(events.filter((e) => e.kind === 'job' && e.ts < pausedAt).length).toBeGreaterThan(20);
    const depth = events
      .filter((e) => e.kind === 'gauge' && e.ts >= pausedAt)
      .map((e) => e.value ?? 0);
    expect(depth[0]).toBeLessThan(1_000);
    expect(depth.at(-1)).toBeGreaterThan(9_500);
  });

  it('clearing the error fault (a restart) stops the culprit failing from that moment', () => {
    const culprit = ERROR_SPIKE.culprits[0];
    const clearedAt = ANCHOR - 30 * MINUTE;
    const cleared = faultFor(culprit).map((f) => ({ ...f, clearedAt }));
    const events = entityEvents(
      culprit,
      ANCHOR + ERROR_SPIKE.startOffsetMs,
      ANCHOR,
      cleared,
    ).filter((e) => e.kind === 'request');
    const errorsBefore = events.filter(
      (e) => e.ts < clearedAt && e.errorClass === ERROR_SPIKE.errorClass,
    ).length;
    const after = events.filter((e) => e.ts >= clearedAt);
    expect(errorsBefore).toBeGreaterThan(50);
    expect(after.length).toBeGreaterThan(100);
    expect(after.filter((e) => e.errorClass === ERROR_SPIKE.errorClass)).toEqual([]);
    expect(after.filter((e) => e.status === 'error').length / after.length).toBeLessThan(0.02);
  });

  it('a cleared saturation drains back to baseline instead of dropping at once', () => {
    const clearedAt = ANCHOR - 12 * MINUTE;
    const faults = faultFor(SATURATING_PIPELINE.entity).map((f) => ({ ...f, clearedAt }));
    const gauges = entityEvents(
      SATURATING_PIPELINE.entity,
      clearedAt - 5 * MINUTE,
      ANCHOR,
      faults,
    ).filter((e) => e.kind === 'gauge');
    const at = (t: number) => gauges.find((e) => e.ts >= t)?.value ?? NaN;
    expect(at(clearedAt - 2 * MINUTE)).toBe(SATURATING_PIPELINE.capacity);
    expect(at(clearedAt + SATURATION_DRAIN_MS / 2)).toBeGreaterThan(3_000);
    expect(at(clearedAt + SATURATION_DRAIN_MS / 2)).toBeLessThan(7_000);
    expect(at(clearedAt + SATURATION_DRAIN_MS + MINUTE)).toBeLessThan(1_000);
  });
});
