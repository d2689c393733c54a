import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import {
  ingestAll,
  previewAction,
  qualityAtEveryLevel,
  steadyEvents,
} from '../../testing/quality-levels.ts';
import { databaseNow } from '../../db/db-clock.ts';

/**
 * The quality scenario catalogue: each scenario is driven through the real ingest API and the
 * real rollup worker on its own database, and every level (fleet, segment, entity, raw events, the
 * quality route, action preconditions) must say the same thing about it. Times come from the
 * database clock; nothing waits.
 */

const MIN = 60_000;
const HOUR = 3_600_000;
type App = Awaited<ReturnType<typeof createTestApp>>;

function scenario(
  name: string,
  body: (ctx: { t: () => App; db: () => TestDatabase; now: () => number }) => void,
) {
  describe(name, () => {
    let db: TestDatabase;
    let t: App;
    let now = 0;
    beforeAll(async () => {
      db = await createTestDatabase();
      t = await createTestApp(db);
      now = Math.floor((await databaseNow(db.pool)) / 1000) * 1000;
    });
    afterAll(async () => db?.drop());
    body({ t: () => t, db: () => db, now: () => now });
  });
}

/** Six hours of steady traffic (and a minute more), so the default window is fully covered. */
const sixHours = (now: number) => ({
  fromMs: Math.floor((now - 6 * HOUR - MIN) / MIN) * MIN,
  toMs: now - 1_000,
});
/** The default live view; `readNo` moves its end by milliseconds so a second read is not served from the one-second answer cache. */
const liveWindow = (now: number, readNo = 0) => ({ from: now - 6 * HOUR, to: now + readNo });

scenario('a late batch of 20 minutes', ({ t, now }) => {
  let sent = 0;
  beforeAll(async () => {
    const entities = ['late-a-e0', 'late-a-e1', 'late-a-e2'];
    const early = steadyEvents({
      segment: 'late-a',
      entities,
      ...sixHours(now()),
      everyMs: 20_000,
    }).filter((e) => e.ts < now() - 20 * MIN);
    const late = steadyEvents({
      segment: 'late-a',
      entities,
      ...sixHours(now()),
      everyMs: 20_000,
    }).filter((e) => e.ts >= now() - 20 * MIN);
    await ingestAll(t(), [
      ...early,
      ...steadyEvents({
        segment: 'steady-a',
        entities: ['steady-a-e0'],
        ...sixHours(now()),
        everyMs: 20_000,
      }),
    ]);
    await drain(t().newWorker());
    // The sender catches up after its outage: twenty minutes arrive at once, none rolled up yet.
    await ingestAll(t(), late);
    sent = early.length + late.length;
  });

  it('is degraded at every level until rolled up, naming the pending events and their times; entities are not silent', async () => {
    const levels = await qualityAtEveryLevel(t(), {
      segment: 'late-a',
      entity: 'late-a-e0',
      window: liveWindow(now()),
    });
    for (const [name, level] of Object.entries({
      fleet: levels.fleet,
      segment: levels.segment,
      entity: levels.entity,
      events: levels.events,
      route: levels.qualityRoute,
    })) {
      expect(level.state, name).toBe('degraded');
      expect(level.codes, name).toContain('pending');
    }
    expect(levels.trends.codes).toContain('pending');
    expect(levels.segment.messages.join(' ')).toMatch(
      /\d+ events from \d\d:\d\d UTC–\d\d:\d\d UTC are still being rolled up; figures are low/,
    );
    expect(levels.overviewRow.quality.state).toBe('degraded');
    expect(levels.entityRow.quality.state).toBe('degraded');
    expect(levels.entityRow.silent).toBe(false);
    expect(levels.entity.silent).toBe(false);
    expect(levels.overviewRow.silentEntities).toBe(0);
    const freshness = (await (
      await t().get(`/api/v1/segments/late-a?from=${now() - 6 * HOUR}&to=${now()}`)
    ).json()) as { quality: { freshnessLagSeconds: number } };
    expect(freshness.quality.freshnessLagSeconds).toBeGreaterThan(15 * 60);
  });

  it('lets a restart proceed on degraded evidence but never auto-approves it', async () => {
    const restart = await previewAction(t(), 'restart_entity', 'late-a-e0');
    expect(restart.passed).toBe(true);
    expect(restart.autoApprove).toBe(false);
  });

  it('converges to ok with every event counted once the worker has run', async () => {
    await drain(t().newWorker());
    const levels = await qualityAtEveryLevel(t(), {
      segment: 'late-a',
      entity: 'late-a-e0',
      window: liveWindow(now(), 1),
    });
    for (const level of [levels.fleet, levels.segment, levels.entity, levels.events])
      expect(level, JSON.stringify(level)).toMatchObject({ state: 'ok' });
    const body = (await (
      await t().get(`/api/v1/segments/late-a?from=${now() - 7 * HOUR}&to=${now()}`)
    ).json()) as { data: { segment: { requests: number } } };
    expect(body.data.segment.requests).toBe(sent);
  });
});

scenario('a sender silent for 10 minutes', ({ t, now }) => {
  beforeAll(async () => {
    const events = steadyEvents({
      segment: 'quiet-b',
      entities: ['quiet-b-e0', 'quiet-b-e1', 'quiet-b-e2'],
      ...sixHours(now()),
      everyMs: 20_000,
    });
    await ingestAll(
      t(),
      events.filter((e) => e.entity !== 'quiet-b-e0' || e.ts < now() - 10 * MIN),
    );
    await drain(t().newWorker());
  });

  it('makes the entity unsafe and silent at every level that shows it, and its segment degraded and never plain OK', async () => {
    const levels = await qualityAtEveryLevel(t(), {
      segment: 'quiet-b',
      entity: 'quiet-b-e0',
      window: liveWindow(now()),
    });
    for (const level of [levels.entity, levels.events, levels.qualityRoute]) {
      expect(level.state).toBe('unsafe');
      expect(level.codes).toEqual(['silent']);
    }
    expect(levels.entity.silent).toBe(true);
    expect(levels.entityRow).toMatchObject({ silent: true, quality: { state: 'unsafe' } });
    expect(levels.entityRow.quality.reason).toMatch(/quiet-b-e0 has sent nothing since/);
    expect(levels.segment).toMatchObject({ state: 'degraded', codes: ['silent'] });
    expect(levels.segmentHeader.status).not.toBe('ok');
    expect(levels.overviewRow).toMatchObject({ silentEntities: 1, quality: { state: 'degraded' } });
    expect(levels.overviewRow.status).not.toBe('ok');
    expect(levels.overviewRow.now?.status).not.toBe('ok');
    expect(levels.fleetSilentEntities).toBe(1);
    expect(levels.fleet.codes).toContain('silent');
    expect(levels.trends.codes).toContain('silent');
  });

  it('says a future window has no data yet, with completeness 0 however many entities are silent now', async () => {
    const response = await t().get(
      `/api/v1/segments/quiet-b?from=${now() + HOUR}&to=${now() + 2 * HOUR}`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      quality: { state: string; completeness: number; reasons: { code: string }[] };
    };
    expect(body.quality).toMatchObject({ state: 'unsafe', completeness: 0 });
    expect(body.quality.reasons.map((r) => r.code)).toContain('no_data_yet');
  });

  it('refuses a drain on the silent entity; lets a restart proceed only to a human approver, by explicit policy', async () => {
    const drainIt = await previewAction(t(), 'drain_entity', 'quiet-b-e0');
    expect(drainIt.passed).toBe(false);
    expect(drainIt.message).toMatch(/unsafe/);
    const restart = await previewAction(t(), 'restart_entity', 'quiet-b-e0');
    expect(restart).toMatchObject({ passed: true, autoApprove: false });
    expect(restart.message).toMatch(/policy lets restart_entity proceed on silent/);
    const healthy = await previewAction(t(), 'restart_entity', 'quiet-b-e1');
    expect(healthy).toMatchObject({ passed: true, autoApprove: true });
  });
});

scenario('a heartbeat-only entity goes silent', ({ t, now }) => {
  beforeAll(async () => {
    // A beat every ten minutes, the last one eight minutes ago.
    const beats = steadyEvents({
      segment: 'beats-c',
      entities: ['beats-c-hb0', 'beats-c-hb1'],
      fromMs: now() - 8 * MIN - 37 * 10 * MIN,
      toMs: now() - 1_000,
      everyMs: 10 * MIN,
      kind: 'heartbeat',
    });
    // hb0 stopped 40 minutes ago; hb1 keeps its ten-minute beat.
    await ingestAll(
      t(),
      beats.filter((e) => e.entity !== 'beats-c-hb0' || e.ts < now() - 40 * MIN),
    );
    await drain(t().newWorker());
  });

  it('judges each against its own cadence: the stopped one is silent, the one between beats is not', async () => {
    const stopped = await qualityAtEveryLevel(t(), {
      segment: 'beats-c',
      entity: 'beats-c-hb0',
      window: liveWindow(now()),
    });
    expect(stopped.entity).toMatchObject({ state: 'unsafe', codes: ['silent'], silent: true });
    expect(stopped.entity.messages.join(' ')).toMatch(/usually sends every 10 min/);
    // Eight minutes after its last beat, well past the five-minute default, hb1 is still within its cadence.
    const between = await qualityAtEveryLevel(t(), {
      segment: 'beats-c',
      entity: 'beats-c-hb1',
      window: liveWindow(now()),
    });
    expect(between.entity.silent).toBe(false);
    expect(between.entity.codes).not.toContain('silent');
    expect(between.entity.codes).not.toContain('ingest_gap');
  });
});

scenario('a 5-minute gap in one segment only', ({ t, now }) => {
  const gapFrom = () => Math.floor((now() - 30 * MIN) / MIN) * MIN;
  beforeAll(async () => {
    const gappy = steadyEvents({
      segment: 'gappy-d',
      entities: ['gappy-d-e0', 'gappy-d-e1'],
      ...sixHours(now()),
      everyMs: 20_000,
    });
    const whole = steadyEvents({
      segment: 'whole-d',
      entities: ['whole-d-e0', 'whole-d-e1'],
      ...sixHours(now()),
      everyMs: 20_000,
    });
    await ingestAll(t(), [
      ...gappy.filter((e) => e.ts < gapFrom() || e.ts >= gapFrom() + 5 * MIN),
      ...whole,
    ]);
    await drain(t().newWorker());
  });

  it('is unsafe for that segment and its entities with the exact times, and not for the other segment or the fleet', async () => {
    const gappy = await qualityAtEveryLevel(t(), {
      segment: 'gappy-d',
      entity: 'gappy-d-e0',
      window: liveWindow(now()),
    });
    const when = new Date(gapFrom()).toISOString().slice(11, 16);
    for (const level of [gappy.segment, gappy.entity, gappy.events]) {
      expect(level.state).toBe('unsafe');
      expect(level.codes).toEqual(['ingest_gap']);
      expect(level.messages.join(' ')).toContain(`from ${when} UTC`);
    }
    expect(gappy.overviewRow.quality.state).toBe('unsafe');
    expect(gappy.fleet.codes).not.toContain('ingest_gap');
    const whole = await qualityAtEveryLevel(t(), {
      segment: 'whole-d',
      entity: 'whole-d-e0',
      window: liveWindow(now()),
    });
    expect(whole.segment.state).toBe('ok');
    expect(whole.overviewRow.quality.state).toBe('ok');
  });
});

scenario('fleet traffic falls to almost nothing for four minutes', ({ t, now }) => {
  const dropFrom = () => Math.floor((now() - 20 * MIN) / MIN) * MIN;
  beforeAll(async () => {
    const entities = Array.from({ length: 6 }, (_, i) => `drop-e-e${i}`);
    const events = steadyEvents({
      segment: 'drop-e',
      entities,
      ...sixHours(now()),
      everyMs: 10_000,
    });
    // During the drop one entity sends one event a minute instead of six entities six each.
    const inDrop = (ts: number) => ts >= dropFrom() && ts < dropFrom() + 4 * MIN;
    await ingestAll(
      t(),
      events.filter((e) => !inDrop(e.ts) || (e.entity === 'drop-e-e0' && e.ts % MIN < 10_000)),
    );
    await drain(t().newWorker());
  });

  it('is unsafe with the drop named as a gap, though no minute was empty', async () => {
    const levels = await qualityAtEveryLevel(t(), {
      segment: 'drop-e',
      entity: 'drop-e-e1',
      window: liveWindow(now()),
    });
    expect(levels.fleet.state).toBe('unsafe');
    expect(levels.fleet.codes).toContain('ingest_gap');
    expect(levels.fleet.messages.join(' ')).toContain(
      `from ${new Date(dropFrom()).toISOString().slice(11, 16)} UTC`,
    );
  });
});

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
