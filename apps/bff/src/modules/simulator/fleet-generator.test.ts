import { describe, expect, it } from 'vitest';
import { IngestEventSchema, INGEST_MAX_EVENTS } from '@watchfloor/shared/ingest';
import { DEMO_SEGMENTS } from './demo-scenario.ts';
import { estimateEventCount } from './density.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents, type GenerateOptions } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { scenarioFaults } from './scenario-faults.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Wednesday afternoon in UTC: every region is awake for part of the last 24 hours. */
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);

const collect = (
  options: Partial<GenerateOptions> & Pick<GenerateOptions, 'fromMs' | 'toMs'>,
): SimEvent[] => [...generateEvents({ seed: 7, anchorMs: ANCHOR, faults: [], ...options })].flat();

const isTraffic = (event: SimEvent) => event.kind === 'request' || event.kind === 'job';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

describe('generateEvents', () => {
  it('gives identical events for the same seed and different ones for another seed', () => {
    const window = { fromMs: ANCHOR - HOUR, toMs: ANCHOR, faults: scenarioFaults(ANCHOR) };
    const first = collect(window);
    expect(first.length).toBeGreaterThan(10_000);
    expect(collect(window)).toEqual(first);
    const other = collect({ ...window, seed: 8 });
    expect(other.map((e) => e.ts)).not.toEqual(first.map((e) => e.ts));
  });

  it('gives the same events however the window is split, so backfills and live ticks dedupe', () => {
    const whole = collect({ fromMs: ANCHOR - 30 * 60_000, toMs: ANCHOR });
    const split = [
      ...collect({ fromMs: ANCHOR - 30 * 60_000, toMs: ANCHOR - 17 * 60_000 - 333 }),
      ...collect({ fromMs: ANCHOR - 17 * 60_000 - 333, toMs: ANCHOR }),
    ];
    expect(split).toEqual(whole);
  });

  it('yields time-ordered batches within the ingest limit with unique, valid events', () => {
    const batches = [
      ...generateEvents({
        seed: 7,
        anchorMs: ANCHOR,
        fromMs: ANCHOR - 30 * DAY,
        toMs: ANCHOR,
        faults: scenarioFaults(ANCHOR),
        scale: 0.05,
      }),
    ];
    const events = batches.flat();
    expect(batches.every((batch) => batch.length > 0 && batch.length <= INGEST_MAX_EVENTS)).toBe(
      true,
    );
    expect(events.every((event, i) => i === 0 || (events[i - 1]?.ts ?? 0) <= event.ts)).toBe(true);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const invalid = events.filter((event) => !IngestEventSchema.safeParse(event).success);
    expect(invalid).toEqual([]);
    expect(new Set(events.map((event) => event.kind))).toEqual(
      new Set(['request', 'job', 'heartbeat', 'gauge']),
    );
    expect(events[0]!.ts).toBeGreaterThanOrEqual(ANCHOR - 30 * DAY);
    expect(events.at(-1)!.ts).toBeLessThan(ANCHOR);
  });

  it('is dense in the last 24 hours and sparser further back', () => {
    const entity = 'checkout-eu-api-05';
    const events = collect({
      fromMs: ANCHOR - 21 * DAY,
      toMs: ANCHOR,
      fleet: DEMO_FLEET.filter((e) => e.slug === entity),
    });
    const heartbeatsIn = (from: number, to: number) =>
      events.filter((e) => e.kind === 'heartbeat' && e.ts >= from && e.ts < to).length;
    expect(heartbeatsIn(ANCHOR - DAY, ANCHOR)).toBe(1_440);
    expect(heartbeatsIn(ANCHOR - 4 * DAY, ANCHOR - 3 * DAY)).toBe(96);
    expect(heartbeatsIn(ANCHOR - 20 * DAY, ANCHOR - 19 * DAY)).toBe(48);
    const requestsLastDay = events.filter(
      (e) => e.kind === 'request' && e.ts >= ANCHOR - DAY,
    ).length;
    // One every 10 s at peak, thinned by the day/night curve to a 10–20 s average.
    expect(86_400 / requestsLastDay).toBeGreaterThan(10);
    expect(86_400 / requestsLastDay).toBeLessThan(20);
  });

  it('keeps a 30-day seed of the whole fleet under about 2 million events', () => {
    const estimate = estimateEventCount(DEMO_FLEET, ANCHOR, ANCHOR - 30 * DAY, ANCHOR);
    expect(estimate).toBeGreaterThan(1_200_000);
    expect(estimate).toBeLessThan(2_100_000);
    const lastHour = collect({ fromMs: ANCHOR - HOUR, toMs: ANCHOR }).length;
    expect(lastHour * 24).toBeLessThan(1_500_000);
  });

  it('shows more traffic in local daytime than at night', () => {
    const fleet = DEMO_FLEET.filter((e) => e.segment.slug === 'checkout-eu');
    const day = ANCHOR - 1 * HOUR; // 15:00 CET
    const night = ANCHOR - 12 * HOUR; // 04:00 CET
    const count = (at: number) =>
      collect({ fromMs: at - HOUR, toMs: at, fleet }).filter(isTraffic).length;
    expect(count(day)).toBeGreaterThan(2 * count(night));
  });

  it('leaves every segment within its SLO when no fault is active', () => {
    const events = collect({ fromMs: ANCHOR - 2 * HOUR, toMs: ANCHOR }).filter(isTraffic);
    for (const segment of DEMO_SEGMENTS) {
      const traffic = events.filter((e) => e.segment === segment.slug);
      if (traffic.length === 0) continue;
      const errors = traffic.filter((e) => e.status === 'error').length;
      expect(1 - errors / traffic.length, segment.slug).toBeGreaterThan(segment.sloAvailability);
      expect(
        percentile(
          traffic.map((e) => e.latencyMs ?? 0),
          0.95,
        ),
        segment.slug,
      ).toBeLessThan(segment.sloLatencyP95Ms);
    }
  });
});
