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
 * Quality scenarios of late and silent senders: a late batch, a sender silent for 10 minutes, a
 * heartbeat-only entity going silent, a gap in one segment, fleet traffic falling to almost
 * nothing. The catalogue's frame (a database per scenario, times from its clock) is
 * testing/quality-scenario.ts.
 */

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
      /\d+ events from (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC–\d\d:\d\d UTC are still being rolled up; figures are low/,
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
      // Yesterday's times carry their date (a gap just before midnight UTC).
      expect(level.messages.join(' ')).toMatch(
        new RegExp(`from (\\d{4}-\\d\\d-\\d\\d )?${when} UTC`),
      );
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
    expect(levels.fleet.messages.join(' ')).toMatch(
      new RegExp(
        `from (\\d{4}-\\d\\d-\\d\\d )?${new Date(dropFrom()).toISOString().slice(11, 16)} UTC`,
      ),
    );
  });
});

scenario('a backdated batch from ten days ago', ({ t, now }) => {
  const DAY = 24 * HOUR;
  beforeAll(async () => {
    // Arrives now, stamped ten days back; no worker run yet, so it is pending.
    const fromMs = Math.floor((now() - 10 * DAY) / MIN) * MIN;
    await ingestAll(
      t(),
      steadyEvents({
        segment: 'backdated-b',
        entities: ['backdated-b-e0'],
        fromMs,
        toMs: fromMs + 20 * MIN,
        everyMs: 20_000,
      }),
    );
  });

  it('names the pending minutes with their date, so they never read as today', async () => {
    const response = await t().get(
      `/api/v1/segments/backdated-b?from=${now() - 10 * DAY - HOUR}&to=${now() - 10 * DAY + HOUR}`,
    );
    expect(response.status).toBe(200);
    const { quality } = (await response.json()) as { quality: { reasons: { message: string }[] } };
    const day = new Date(now() - 10 * DAY).toISOString().slice(0, 10);
    expect(quality.reasons.map((r) => r.message).join(' ')).toMatch(
      new RegExp(
        `events from ${day} \\d\\d:\\d\\d UTC–${day} \\d\\d:\\d\\d UTC are still being rolled up`,
      ),
    );
  });
});
