import { describe, expect, it } from 'vitest';
import {
  ERROR_SPIKE,
  LATENCY_REGRESSION,
  SATURATING_PIPELINE,
  SILENT_ENTITY,
} from './demo-scenario.ts';
import { demoChanges } from './demo-changes.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { scenarioFaults } from './scenario-faults.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);

function segmentEvents(segment: string, fromMs: number, toMs = ANCHOR): SimEvent[] {
  const fleet = DEMO_FLEET.filter((entity) => entity.segment.slug === segment);
  return [
    ...generateEvents({
      seed: 42,
      anchorMs: ANCHOR,
      fromMs,
      toMs,
      fleet,
      faults: scenarioFaults(ANCHOR),
    }),
  ].flat();
}

const traffic = (events: SimEvent[]) =>
  events.filter((e) => e.kind === 'request' || e.kind === 'job');
const errorRatio = (events: SimEvent[]) =>
  traffic(events).filter((e) => e.status === 'error').length / Math.max(1, traffic(events).length);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('scripted incidents in the seeded history', () => {
  it('(a) error spike: healthy before, two culprits failing with one error class during', () => {
    const start = ANCHOR + ERROR_SPIKE.startOffsetMs;
    const events = segmentEvents(ERROR_SPIKE.segment, start - 3 * HOUR);
    const before = events.filter((e) => e.ts < start);
    const during = events.filter((e) => e.ts >= start);
    const culprits = new Set<string>(ERROR_SPIKE.culprits);

    expect(errorRatio(before)).toBeLessThan(0.005);
    expect(errorRatio(during)).toBeGreaterThan(0.05);
    for (const culprit of culprits) {
      const ratio = errorRatio(during.filter((e) => e.entity === culprit));
      expect(ratio).toBeGreaterThan(ERROR_SPIKE.errorRate - 0.1);
      expect(ratio).toBeLessThan(Math.min(1, ERROR_SPIKE.errorRate + 0.1));
    }
    expect(errorRatio(during.filter((e) => !culprits.has(e.entity)))).toBeLessThan(0.005);
    const spikeErrors = traffic(during).filter((e) => e.errorClass === ERROR_SPIKE.errorClass);
    expect(new Set(spikeErrors.map((e) => e.entity))).toEqual(culprits);
    expect(
      spikeErrors.length / traffic(during).filter((e) => e.status === 'error').length,
    ).toBeGreaterThan(0.9);
    expect(
      traffic(during.filter((e) => culprits.has(e.entity) && e.ts >= ANCHOR - 5 * MINUTE)).some(
        (e) => e.status === 'error',
      ),
    ).toBe(true);
  });

  it('(b) latency regression starts at a deploy change and only on the deployed instances', () => {
    const start = ANCHOR + LATENCY_REGRESSION.startOffsetMs;
    const events = segmentEvents(LATENCY_REGRESSION.segment, start - 2 * HOUR);
    const deploys = demoChanges(42, ANCHOR, start - 2 * HOUR, ANCHOR).filter(
      (c) => c.type === 'deploy' && c.attributes?.version === LATENCY_REGRESSION.version,
    );
    expect(deploys).toEqual([
      expect.objectContaining({
        start,
        segment: LATENCY_REGRESSION.segment,
        entity: LATENCY_REGRESSION.deployEntity,
        title: LATENCY_REGRESSION.deployMessage,
      }),
    ]);
    const deployed = new Set<string>(LATENCY_REGRESSION.entities);
    const latency = (list: SimEvent[]) => median(traffic(list).map((e) => e.latencyMs ?? 0));
    const window = (list: SimEvent[], from: number, to: number) =>
      list.filter((e) => e.ts >= from && e.ts < to);
    const regressed = events.filter((e) => deployed.has(e.entity));
    const untouched = events.filter((e) => !deployed.has(e.entity));
    expect(
      latency(window(regressed, start, ANCHOR)) /
        latency(window(regressed, start - 2 * HOUR, start)),
    ).toBeGreaterThan(3);
    expect(latency(window(regressed, start - 2 * HOUR, start - 1))).toBeLessThan(
      latency(window(regressed, start, start + 10 * MINUTE)) / 2.5,
    );
    expect(
      latency(window(untouched, start, ANCHOR)) /
        latency(window(untouched, start - 2 * HOUR, start)),
    ).toBeLessThan(1.2);
  });

  it('(c) silent entity sends nothing, heartbeats included, after its offset', () => {
    const since = ANCHOR + SILENT_ENTITY.silentSinceOffsetMs;
    const events = segmentEvents(SILENT_ENTITY.segment, since - HOUR);
    const own = events.filter((e) => e.entity === SILENT_ENTITY.entity);
    expect(own.filter((e) => e.kind === 'heartbeat' && e.ts < since).length).toBeGreaterThanOrEqual(
      59,
    );
    expect(own.filter((e) => e.ts >= since)).toEqual([]);
    const others = events.filter(
      (e) => e.entity !== SILENT_ENTITY.entity && e.ts >= ANCHOR - 5 * MINUTE,
    );
    expect(others.some((e) => e.kind === 'heartbeat')).toBe(true);
  });

  it('(d) pipeline queue depth climbs over the last two hours to its capacity', () => {
    const climb = ANCHOR + SATURATING_PIPELINE.climbStartOffsetMs;
    const gauges = segmentEvents(SATURATING_PIPELINE.segment, climb - HOUR).filter(
      (e) => e.entity === SATURATING_PIPELINE.entity && e.kind === 'gauge',
    );
    const values = (from: number, to: number) =>
      gauges.filter((e) => e.ts >= from && e.ts < to).map((e) => e.value ?? NaN);
    expect(Math.max(...values(climb - HOUR, climb))).toBeLessThan(1_000);
    const tenMinuteMeans: number[] = [];
    for (let t = climb; t < ANCHOR + SATURATING_PIPELINE.saturatedAtOffsetMs; t += 10 * MINUTE) {
      const window = values(t, t + 10 * MINUTE);
      tenMinuteMeans.push(window.reduce((a, b) => a + b, 0) / window.length);
    }
    expect(tenMinuteMeans.every((mean, i) => i === 0 || mean >= (tenMinuteMeans[i - 1] ?? 0))).toBe(
      true,
    );
    expect(
      values(ANCHOR + SATURATING_PIPELINE.saturatedAtOffsetMs, ANCHOR).every(
        (v) => v === SATURATING_PIPELINE.capacity,
      ),
    ).toBe(true);
    expect(Math.max(...gauges.map((e) => e.value ?? 0))).toBe(SATURATING_PIPELINE.capacity);
    expect(gauges.every((e) => e.attrs?.metric === SATURATING_PIPELINE.metric)).toBe(true);
  });
});
