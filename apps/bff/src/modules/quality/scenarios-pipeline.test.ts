import { beforeAll, expect, it } from 'vitest';
import { drain } from '../../testing/rollup-truth.ts';
import {
  ingestAll,
  previewAction,
  qualityAtEveryLevel,
  steadyEvents,
} from '../../testing/quality-levels.ts';
import { HOUR, MIN, liveWindow, scenario, sixHours } from './testing/quality-scenario.ts';

/**
 * Quality scenarios of the pipeline and the clock: a stalled rollup worker, a database outage,
 * windows in the future and before the first data, a duplicate re-send. The catalogue's frame
 * (a database per scenario, times from its clock) is testing/quality-scenario.ts.
 */

scenario('the rollup worker stalls', ({ t, db, now }) => {
  beforeAll(async () => {
    await ingestAll(
      t(),
      steadyEvents({
        segment: 'stall-f',
        entities: ['stall-f-e0'],
        ...sixHours(now()),
        everyMs: 20_000,
      }),
    );
    await drain(t().newWorker());
    await ingestAll(t(), [
      {
        id: 'stall-f-fresh',
        ts: now() - 1_000,
        segment: 'stall-f',
        entity: 'stall-f-e0',
        kind: 'request',
        status: 'ok',
        latencyMs: 5,
      },
    ]);
    // The mark arrived three minutes ago by the database clock and nothing rolled it up since.
    await db().pool.query('UPDATE rollup_dirty SET created_at = created_at - 180000');
  });

  it('is unsafe at every level and refuses actions, then recovers on its own once the worker runs', async () => {
    const stalled = await qualityAtEveryLevel(t(), {
      segment: 'stall-f',
      entity: 'stall-f-e0',
      window: liveWindow(now()),
    });
    for (const level of [
      stalled.fleet,
      stalled.segment,
      stalled.entity,
      stalled.events,
      stalled.qualityRoute,
      stalled.trends,
    ])
      expect(level.codes).toContain('worker_stalled');
    expect(stalled.overviewRow.quality.state).toBe('unsafe');
    expect((await previewAction(t(), 'restart_entity', 'stall-f-e0')).passed).toBe(false);
    await drain(t().newWorker());
    const recovered = await qualityAtEveryLevel(t(), {
      segment: 'stall-f',
      entity: 'stall-f-e0',
      window: liveWindow(now(), 1),
    });
    for (const level of [recovered.fleet, recovered.segment, recovered.entity])
      expect(level, JSON.stringify(level)).toMatchObject({ state: 'ok' });
  });
});

scenario('a database outage window', ({ t, db, now }) => {
  beforeAll(async () => {
    await ingestAll(
      t(),
      steadyEvents({
        segment: 'outage-g',
        entities: ['outage-g-e0'],
        ...sixHours(now()),
        everyMs: 20_000,
      }),
    );
    await drain(t().newWorker());
    const from = now() - 30 * MIN;
    await db().pool.query(
      "INSERT INTO worker_runs (worker_id, started_at, finished_at, status, failure_class, failure_message, duration_ms) VALUES ('w', ?, ?, 'failed', 'database_unavailable', 'the database could not be reached', 20000)",
      [from, from + 20_000],
    );
  });

  it('is degraded for windows covering it, at every level, and not for windows before it', async () => {
    const covering = await qualityAtEveryLevel(t(), {
      segment: 'outage-g',
      entity: 'outage-g-e0',
      window: liveWindow(now()),
    });
    for (const level of [covering.fleet, covering.segment, covering.entity, covering.events]) {
      expect(level.state).toBe('degraded');
      expect(level.codes).toEqual(['database_outage']);
    }
    expect(covering.trends.codes).toContain('database_outage');
    const before = await qualityAtEveryLevel(t(), {
      segment: 'outage-g',
      entity: 'outage-g-e0',
      window: { from: now() - 5 * HOUR, to: now() - 3 * HOUR },
    });
    expect(before.segment.codes).not.toContain('database_outage');
  });
});

scenario('windows in the future and before the first data', ({ t, now }) => {
  beforeAll(async () => {
    await ingestAll(
      t(),
      steadyEvents({
        segment: 'young-h',
        entities: ['young-h-e0'],
        fromMs: now() - 60 * MIN,
        toMs: now() - 1_000,
        everyMs: 20_000,
      }),
    );
    await drain(t().newWorker());
  });

  it('says a future window has no data yet instead of ok', async () => {
    const future = await qualityAtEveryLevel(t(), {
      segment: 'young-h',
      entity: 'young-h-e0',
      window: { from: now() + HOUR, to: now() + 2 * HOUR },
    });
    for (const level of [future.fleet, future.segment, future.entity])
      expect(level).toMatchObject({ state: 'unsafe', codes: ['no_data_yet'] });
    expect(future.trends.state).toBe('unsafe');
    expect(future.trends.codes).toContain('no_data_yet');
    const partly = await qualityAtEveryLevel(t(), {
      segment: 'young-h',
      entity: 'young-h-e0',
      window: { from: now() - 30 * MIN, to: now() + 30 * MIN },
    });
    expect(partly.segment).toMatchObject({ state: 'degraded', codes: ['no_data_yet'] });
  });

  it('says a window before the scope first sent has no data, and a window reaching back before it is not complete', async () => {
    const before = await qualityAtEveryLevel(t(), {
      segment: 'young-h',
      entity: 'young-h-e0',
      window: { from: now() - 5 * HOUR, to: now() - 3 * HOUR },
    });
    for (const level of [before.fleet, before.segment, before.entity])
      expect(level).toMatchObject({ state: 'unsafe', codes: ['before_first_data'] });
    expect(before.trends.state).toBe('unsafe');
    expect(before.overviewRow.quality.state).toBe('unsafe');
    const reaching = await qualityAtEveryLevel(t(), {
      segment: 'young-h',
      entity: 'young-h-e0',
      window: liveWindow(now()),
    });
    expect(reaching.segment).toMatchObject({ state: 'degraded', codes: ['before_first_data'] });
    const body = (await (
      await t().get(`/api/v1/segments/young-h?from=${now() - 6 * HOUR}&to=${now()}`)
    ).json()) as { quality: { completeness: number } };
    expect(body.quality.completeness).toBeLessThan(0.2);
  });
});

scenario('a duplicate re-send', ({ t, now }) => {
  const events = () =>
    steadyEvents({
      segment: 'dup-i',
      entities: ['dup-i-e0', 'dup-i-e1'],
      ...sixHours(now()),
      everyMs: 20_000,
    });
  beforeAll(async () => {
    await ingestAll(t(), events());
    await drain(t().newWorker());
  });

  it('stores nothing twice and stays ok at every level without a worker run', async () => {
    const resent = events().filter((e) => e.ts >= now() - 20 * MIN);
    expect(await ingestAll(t(), resent)).toEqual({ accepted: 0, duplicates: resent.length });
    const levels = await qualityAtEveryLevel(t(), {
      segment: 'dup-i',
      entity: 'dup-i-e0',
      window: liveWindow(now()),
    });
    for (const level of [
      levels.fleet,
      levels.segment,
      levels.entity,
      levels.events,
      levels.qualityRoute,
    ])
      expect(level).toMatchObject({ state: 'ok', codes: [] });
    expect(levels.overviewRow.quality.state).toBe('ok');
    // Trends over these six hours have nothing before them to compare with: thin history, and nothing pending.
    expect(levels.trends.codes).toEqual(['thin_history']);
    expect((await previewAction(t(), 'restart_entity', 'dup-i-e0')).autoApprove).toBe(true);
  });
});
