import {
  findIncidents,
  isBurningHour,
  type MinuteCounts,
} from '@watchfloor/shared/trends/incidents';
import { describe, expect, it } from 'vitest';
import { demoChanges } from './demo-changes.ts';
import { DEMO_SEGMENTS, ERROR_SPIKE, HISTORICAL_INCIDENTS } from './demo-scenario.ts';
import { denseHistoryWindows, generateHistory } from './dense-history.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents, type GenerateOptions } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { scenarioFaults } from './scenario-faults.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);
const past = HISTORICAL_INCIDENTS.find((i) => i.name === 'checkout-eu-pool-exhaustion')!;
const pastStart = ANCHOR + past.startOffsetMs;
const pastEnd = pastStart + past.durationMs;
const slo = DEMO_SEGMENTS.find((s) => s.slug === past.segment)!.sloAvailability;
const fleet = DEMO_FLEET.filter((e) => e.segment.slug === past.segment);

const options = (fromMs: number, toMs: number, anchorMs = ANCHOR): GenerateOptions => ({
  seed: 42,
  anchorMs,
  fromMs,
  toMs,
  faults: scenarioFaults(anchorMs),
});
const all = (batches: Iterable<SimEvent[]>): SimEvent[] => [...batches].flat();
const isTraffic = (e: SimEvent) => e.kind === 'request' || e.kind === 'job';

/** The segment's per-minute and per-hour counts, as the rollups would hold them. */
function counts(events: readonly SimEvent[]) {
  const minutes = new Map<number, MinuteCounts>();
  const hours = new Map<number, { requests: number; errors: number }>();
  for (const e of events) {
    if (!isTraffic(e)) continue;
    const error = e.status === 'error' ? 1 : 0;
    const minute = Math.floor(e.ts / MINUTE) * MINUTE;
    const m = minutes.get(minute) ?? { ts: minute, requests: 0, errors: 0 };
    minutes.set(minute, { ts: minute, requests: m.requests + 1, errors: m.errors + error });
    const hour = Math.floor(e.ts / HOUR) * HOUR;
    const h = hours.get(hour) ?? { requests: 0, errors: 0 };
    hours.set(hour, { requests: h.requests + 1, errors: h.errors + error });
  }
  const burning = new Set(
    [...hours].filter(([, h]) => isBurningHour(h, slo)).map(([hour]) => hour),
  );
  return { minutes: [...minutes.values()], burning };
}

describe('the error spike’s forerunner in the seeded history', () => {
  const from = pastStart - 3 * HOUR;
  const to = pastEnd + 3 * HOUR;
  const seeded = all(generateHistory(options(from, to), denseHistoryWindows(ANCHOR)));

  it('is an incident of the checkout segment by the trends’ own rules, at any hour and seed scale', () => {
    // The anchor is whenever the demo was started: try the quiet hours of a weekend night too.
    const anchors = [ANCHOR, ...[3, 9, 21].map((h) => Date.UTC(2025, 2, 16, h, 30))];
    for (const anchor of anchors)
      for (const scale of [1, 0.25]) {
        const start = anchor + past.startOffsetMs;
        const end = start + past.durationMs;
        const segment = all(
          generateHistory(
            { ...options(start - 3 * HOUR, end + 3 * HOUR, anchor), scale, fleet },
            denseHistoryWindows(anchor),
          ),
        );
        const { minutes, burning } = counts(segment);
        const incidents = findIncidents(minutes, burning, slo, anchor);
        const at = `anchor ${new Date(anchor).toISOString()}, scale ${scale}`;
        expect(incidents, at).toHaveLength(1);
        const [incident] = incidents;
        expect(Math.abs(incident!.start - start), at).toBeLessThanOrEqual(5 * MINUTE);
        expect(Math.abs(incident!.end - end), at).toBeLessThanOrEqual(5 * MINUTE);
        expect(incident!.ongoing).toBe(false);
      }
  });

  it('fails with the current spike’s signature: same instances, same error class', () => {
    const segment = seeded.filter((e) => e.segment === past.segment);

    const failures = segment.filter(
      (e) => isTraffic(e) && e.status === 'error' && e.ts >= pastStart && e.ts < pastEnd,
    );
    const signature = failures.filter(
      (e) =>
        e.errorClass === ERROR_SPIKE.errorClass &&
        (ERROR_SPIKE.culprits as readonly string[]).includes(e.entity),
    );
    expect(signature.length / failures.length).toBeGreaterThan(0.9);
  });

  it('sparse history before it is too thin for any incident, which is why its window is dense', () => {
    const sparse = all(generateEvents(options(from, to))).filter((e) => e.segment === past.segment);
    const { minutes, burning } = counts(sparse);
    expect(findIncidents(minutes, burning, slo, ANCHOR)).toEqual([]);
  });

  it('changes nothing outside the dense window, event for event', () => {
    const [window] = denseHistoryWindows(ANCHOR);
    const outside = (e: SimEvent) =>
      e.segment !== window!.segment || e.ts < window!.from || e.ts >= window!.to;
    const plain = all(generateEvents(options(from, to))).filter(outside);
    const ids = (list: SimEvent[]) => list.map((e) => e.id).sort();
    expect(ids(seeded.filter(outside))).toEqual(ids(plain));
  });

  it('was preceded by the same pool shrink as today’s spike, and ended with its revert', () => {
    const changes = demoChanges(42, ANCHOR, pastStart - 30 * MINUTE, pastEnd + MINUTE);
    expect(
      changes
        .filter((c) => c.segment === past.segment && c.type === 'config')
        .map((c) => [c.entity, c.title, Number(c.start) - pastStart]),
    ).toEqual([
      ...ERROR_SPIKE.culprits.map((e) => [e, 'config db.pool.max_connections 50 → 8', -2 * MINUTE]),
      ...ERROR_SPIKE.culprits.map((e) => [
        e,
        'config db.pool.max_connections 8 → 50',
        past.durationMs,
      ]),
    ]);
  });
});
