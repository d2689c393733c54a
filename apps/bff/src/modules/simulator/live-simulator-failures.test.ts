import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { postEvents } from './ingest-client.ts';
import { BACKFILL_MIN_GAP_MS, LiveSimulator } from './live-simulator.ts';
import { newestEventTs } from './simulation.repository.ts';
import { MINUTE, TICK_MS, handTicks, useLiveFleet } from './testing/live-fleet.ts';

const fleet = useLiveFleet();

describe('LiveSimulator', () => {
  it('holds off for the Retry-After of a refused OTLP export, then sends the same window again', async () => {
    const { db, simulatorOptions, storedIds, modelIds } = fleet;
    // Three minutes after the newest stored event: a short gap, whichever tests ran before.
    let clock = ((await newestEventTs(db.pool)) ?? Number.NaN) + 3 * MINUTE;
    const ticks = handTicks();
    const simulator = new LiveSimulator(
      simulatorOptions({ now: () => clock, scheduleTick: ticks.scheduleTick, signalsEveryMs: 0 }),
    );
    simulator.start();
    try {
      // Catch up to the clock first, so the refused window is one ordinary tick. The gap since the
      // newest stored event is short, so it is filled at live density: no dip where it meets live
      // traffic.
      while ((await ticks.step()) === 0);
      const gapFrom = simulator.stats.backfillFrom ?? Number.NaN;
      expect(clock - gapFrom).toBeGreaterThan(BACKFILL_MIN_GAP_MS);
      expect(await storedIds(gapFrom + 1, clock)).toEqual(await modelIds(gapFrom + 1, clock));
      const from = clock;
      clock += TICK_MS;
      fleet.tracesBusyFor = 30;
      expect(await ticks.step()).toBe(30_000);
      fleet.tracesBusyFor = null;
      expect(simulator.stats).toMatchObject({ failures: 1, spansRejected: 0 });
      const spansBefore = simulator.stats.spansSent;
      const duplicatesBefore = simulator.stats.duplicates;
      clock += 30_000;
      expect(await ticks.step()).toBe(TICK_MS);
      // The window is sent again whole: its JSON part, already stored, comes back as duplicates.
      expect(simulator.stats.spansSent).toBeGreaterThan(spansBefore);
      expect(simulator.stats.duplicates).toBeGreaterThan(duplicatesBefore);
      expect(await storedIds(from, clock)).toEqual(await modelIds(from, clock));
    } finally {
      fleet.tracesBusyFor = null;
      await simulator.stop();
    }
  });

  it('keeps ticking through an unreachable API, counting each failed tick and sending nothing', async () => {
    const { db, simulatorOptions } = fleet;
    const clock = await databaseNow(db.pool);
    const ticks = handTicks();
    const simulator = new LiveSimulator(
      simulatorOptions({
        baseUrl: 'http://127.0.0.1:9',
        now: () => clock,
        scheduleTick: ticks.scheduleTick,
      }),
    );
    simulator.start();
    await ticks.step();
    await ticks.step();
    expect(simulator.stats).toMatchObject({ failures: 2, batchesSent: 0, accepted: 0 });
    expect(ticks.dueDelay()).not.toBeNull();
    await simulator.stop();
    expect(ticks.dueDelay()).toBeNull();
  });

  it('stop() cuts short the request in flight, reports no failure for it and schedules no further tick', async () => {
    const { db, simulatorOptions } = fleet;
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    // Takes requests and never answers them.
    const silent = createServer(() => arrived());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    let inFlight: AbortSignal | undefined;
    const clock = await databaseNow(db.pool);
    const ticks = handTicks();
    const simulator = new LiveSimulator(
      simulatorOptions({
        baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        now: () => clock,
        scheduleTick: ticks.scheduleTick,
        post: (url, token, events, signal) => {
          inFlight = signal;
          return postEvents(url, token, events, signal);
        },
      }),
    );
    try {
      simulator.start();
      ticks.fire();
      await requestArrived;
      const stopping = simulator.stop();
      // Aborted at once, not left to the request's own timeout.
      expect(inFlight?.aborted).toBe(true);
      await stopping;
      expect(simulator.stats).toMatchObject({ failures: 0, batchesSent: 0 });
      expect(ticks.dueDelay()).toBeNull();
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
