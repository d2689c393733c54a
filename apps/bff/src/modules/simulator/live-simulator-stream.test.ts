import { describe, expect, it } from 'vitest';
import { ERROR_SPIKE } from './demo-scenario.ts';
import { postEvents } from './ingest-client.ts';
import { LiveSimulator } from './live-simulator.ts';
import { postSpans } from './otlp-client.ts';
import { OTLP_SEGMENTS } from './otlp-spans.ts';
import { clearFaults, entityStates } from './simulation.repository.ts';
import { MINUTE, TICK_MS, handTicks, useLiveFleet } from './testing/live-fleet.ts';

const fleet = useLiveFleet();

describe('LiveSimulator', () => {
  it('fills the gap since the last event, then streams exactly the fleet model at the configured rate, following faults, states and outages', async () => {
    const { db, startMs, anchorMs, simulatorOptions, countEvents, storedIds, modelIds } = fleet;
    let clock = startMs;
    const ticks = handTicks();
    // Which segments' traffic each path carried.
    const carried = { json: new Set<string>(), otlp: new Set<string>() };
    const traffic = (kind: string) => kind === 'request' || kind === 'job';
    const simulator = new LiveSimulator(
      simulatorOptions({
        now: () => clock,
        scheduleTick: ticks.scheduleTick,
        // The 20-minute hole is filled at seed density, the quick way for long gaps.
        liveBackfillMaxMs: 10 * MINUTE,
        post: (url, token, events, signal) => {
          for (const e of events) if (traffic(e.kind)) carried.json.add(e.segment);
          return postEvents(url, token, events, signal);
        },
        postSpans: (url, token, events, signal) => {
          for (const e of events) carried.otlp.add(traffic(e.kind) ? e.segment : `${e.kind}!`);
          return postSpans(url, token, events, signal);
        },
      }),
    );
    simulator.start();
    try {
      // The 20-minute hole since the seed is back-filled at seed density (a tick that leaves the
      // simulator behind asks for the next one at once); once caught up, ticks are tickMs apart.
      let delay = await ticks.step();
      for (let catchUpTicks = 1; delay === 0; catchUpTicks += 1) {
        if (catchUpTicks > 100) throw new Error('still catching up after 100 ticks');
        delay = await ticks.step();
      }
      expect(delay).toBe(TICK_MS);
      expect(simulator.stats.backfillFrom).toBeGreaterThan(anchorMs - MINUTE);
      expect(simulator.stats.backfillFrom).toBeLessThanOrEqual(anchorMs);
      const gapHeartbeats = await countEvents('ev.kind = 3 AND ev.ts >= ? AND ev.ts < ?', [
        anchorMs + MINUTE,
        anchorMs + 2 * MINUTE,
      ]);
      expect(gapHeartbeats).toBeGreaterThan(200);
      expect(
        await countEvents('e.slug = ? AND ev.error_class = ? AND ev.ts > ?', [
          ERROR_SPIKE.culprits[0],
          ERROR_SPIKE.errorClass,
          anchorMs,
        ]),
      ).toBeGreaterThan(5);
      expect(await storedIds(startMs, Number.MAX_SAFE_INTEGER)).toEqual([]);

      // Live: each simulated second holds exactly the model's events for that second at RATE
      // events per second (density.test.ts checks the model's rate itself).
      for (let second = 0; second < 5; second += 1) {
        const from = clock;
        clock += delay;
        delay = await ticks.step();
        const stored = await storedIds(from, clock);
        expect(stored.length).toBeGreaterThan(0);
        expect(stored).toEqual(await modelIds(from, clock));
      }
      // The OTLP-fed segments' requests went as spans and were stored with their trace ids; the
      // rest of the fleet, and those segments' heartbeats, as event JSON.
      expect(carried.otlp).toEqual(OTLP_SEGMENTS);
      expect([...carried.json].filter((segment) => OTLP_SEGMENTS.has(segment))).toEqual([]);
      expect(carried.json.size).toBeGreaterThan(5);
      expect(simulator.stats.spansSent).toBeGreaterThan(0);
      expect(simulator.stats.spansRejected).toBe(0);
      const [traced] = await db.pool.query(
        `SELECT s.slug AS segment, ev.kind, COUNT(*) AS n, COUNT(ev.trace_id) AS traced
           FROM events ev JOIN segments s ON s.id = ev.segment_id
          WHERE ev.ts >= ? GROUP BY s.slug, ev.kind`,
        [startMs],
      );
      for (const row of traced as { segment: string; kind: number; n: number; traced: number }[])
        expect([row.segment, row.kind, Number(row.traced)]).toEqual([
          row.segment,
          row.kind,
          OTLP_SEGMENTS.has(row.segment) && row.kind === 1 ? Number(row.n) : 0,
        ]);

      // A restart clears the culprit's fault; a drain leaves heartbeats only.
      const states = await entityStates(db.pool);
      const culpritId = states.get(ERROR_SPIKE.culprits[0])?.entityId ?? -1;
      const drainedId = states.get('identity-auth-04')?.entityId ?? -1;
      const changedAt = clock;
      expect(await clearFaults(db.pool, culpritId, changedAt)).toBe(1);
      await db.pool.query(
        "UPDATE entities SET state = 'drained', state_changed_at = ? WHERE id = ?",
        [changedAt, drainedId],
      );
      clock += delay;
      delay = await ticks.step();

      // An outage: nothing is acknowledged for two ticks, then one tick catches the gap up.
      const outageFrom = clock;
      fleet.down = true;
      for (let failed = 0; failed < 2; failed += 1) {
        clock += delay;
        delay = await ticks.step();
      }
      fleet.down = false;
      expect(simulator.stats.failures).toBe(2);
      expect(await storedIds(outageFrom, clock)).toEqual([]);
      clock += delay;
      delay = await ticks.step();
      const caughtUp = await storedIds(outageFrom, clock);
      expect(caughtUp.length).toBeGreaterThan(100);
      expect(caughtUp).toEqual(await modelIds(outageFrom, clock));

      for (let second = 0; second < 20; second += 1) {
        clock += delay;
        delay = await ticks.step();
      }
      // The fault's own errors stop at once. (Background errors, 0.1-0.3 % of any entity's requests,
      // go on: about one 20-second window in twenty holds one for this entity.)
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.error_class = ?', [
          culpritId,
          changedAt,
          ERROR_SPIKE.errorClass,
        ]),
      ).toBe(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.error_class = ?', [
          culpritId,
          changedAt - 5 * MINUTE,
          ERROR_SPIKE.errorClass,
        ]),
      ).toBeGreaterThan(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.kind <> 3', [drainedId, changedAt]),
      ).toBe(0);
      expect(
        await countEvents('e.id = ? AND ev.ts >= ? AND ev.kind = 1', [culpritId, changedAt]),
      ).toBeGreaterThan(0);
    } finally {
      await simulator.stop();
    }
    // Stopped means stopped: the tick that was due is cancelled and no other is scheduled.
    expect(ticks.dueDelay()).toBeNull();
  });
});
