import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import {
  TrendsResponseSchema,
  type SegmentTrend,
  type TrendsResponse,
} from '@watchfloor/shared/trends/api';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Periods are whole UTC hours, the current one ending at an hour already passed; neither reaches into the future. */
const T = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const PERIOD_HOURS = 15;
const CURRENT = { from: T - PERIOD_HOURS * HOUR, to: T };
const PREVIOUS = { from: T - 2 * PERIOD_HOURS * HOUR, to: CURRENT.from };
const hours = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Hours (offsets from the period's start) in which each segment sends, and how often within them.
 * Every segment sends in every hour of the current period, one request every 10 minutes, failing
 * one in 10; before that, every 20 minutes and all successful, in:
 * - seg-thin: 3 hours spread over the previous period — the thin history that would read as
 *   "100 % available, everything worse";
 * - seg-sparse: every hour. By minutes it had data in 5 % of the previous period against 10 % now,
 *   which the minute rule called thin; by hours both periods are fully covered;
 * - seg-edge-in: the first 12 hours, exactly 80 % of the current coverage;
 * - seg-edge-out: the first 11, one hour short of it.
 */
const PREVIOUS_HOURS: Record<string, number[]> = {
  'seg-thin': [0, 7, 14],
  'seg-sparse': hours(PERIOD_HOURS),
  'seg-edge-in': hours(12),
  'seg-edge-out': hours(11),
};
const SEGMENTS = Object.keys(PREVIOUS_HOURS);
const CURRENT_EVERY = 10;
const PREVIOUS_EVERY = 20;
/** One event a minute ago per entity, after both periods (in hour T or T + 1 h): the senders are live, not silent. */
const RECENT = Date.now() - MINUTE;

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

function traffic(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  const hour = (segment: string, hourTs: number, everyMinutes: number, failing: boolean) => {
    for (let m = 5; m < 60; m += everyMinutes) {
      const ts = hourTs + m * MINUTE;
      const status = failing && events.length % 10 === 0 ? 'error' : 'ok';
      events.push({
        id: `${segment}-${ts}`,
        ts,
        segment,
        entity: `${segment}-e0`,
        kind: 'request',
        status,
        latencyMs: 50,
      });
    }
  };
  for (const segment of SEGMENTS) {
    for (const i of hours(PERIOD_HOURS))
      hour(segment, CURRENT.from + i * HOUR, CURRENT_EVERY, true);
    for (const i of PREVIOUS_HOURS[segment]!)
      hour(segment, PREVIOUS.from + i * HOUR, PREVIOUS_EVERY, false);
    events.push({
      id: `${segment}-recent`,
      ts: RECENT,
      segment,
      entity: `${segment}-e0`,
      kind: 'request',
      status: 'ok',
      latencyMs: 50,
    });
  }
  return events;
}

async function trends(window: { from: number; to: number }): Promise<TrendsResponse> {
  const response = await t.get(
    `/api/v1/trends?period=custom&from=${window.from}&to=${window.to}`,
    'manager',
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return TrendsResponseSchema.parse(await response.json());
}

const segmentOf = (body: TrendsResponse, slug: string): SegmentTrend =>
  body.data.segments.find((s) => s.slug === slug)!;
const NO_DELTAS = {
  availability: null,
  latencyCompliance: null,
  budgetSpent: null,
  budgetRemainingShare: null,
  incidents: null,
  mttrMs: null,
  actions: null,
};
const FULL = { elapsedHours: PERIOD_HOURS, hoursWithData: PERIOD_HOURS, share: 1 };

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  expect((await t.ingest(traffic())).status).toBe(200);
  await drain(t.newWorker());
}, 120_000);
afterAll(async () => db?.drop());

describe('GET /api/v1/trends on thin history', () => {
  it('says "not enough history to compare" for a previous period with data in 3 of 15 hours, with no delta, instead of 100 % and "worse"', async () => {
    const body = await trends(CURRENT);
    expect(body.data.previousWindow).toEqual(PREVIOUS);
    const thin = segmentOf(body, 'seg-thin');
    expect(thin.current.coverage).toEqual(FULL);
    expect(thin.previous.coverage).toEqual({
      elapsedHours: PERIOD_HOURS,
      hoursWithData: 3,
      share: 3 / PERIOD_HOURS,
    });
    // The figures themselves stay true to the data there is: 3 hours × 3 successful requests…
    expect(thin.previous.requests).toBe(9);
    expect(thin.previous.availability).toBe(1);
    expect(thin.current.availability).toBeLessThan(1);
    // …but they are not compared.
    expect(thin.comparison).toEqual({
      comparable: false,
      code: 'thin_history',
      reason: expect.stringMatching(
        /^Not enough history to compare: the previous period has data in 20 % of its hours, this one in 100 %/,
      ),
      deltas: NO_DELTAS,
    });
  });

  it('compares a sparse sender that has data in every hour of both periods, however few minutes', async () => {
    const body = await trends(CURRENT);
    const sparse = segmentOf(body, 'seg-sparse');
    expect(sparse.previous.requests).toBe(3 * PERIOD_HOURS);
    expect(sparse.current.requests).toBe(6 * PERIOD_HOURS);
    expect(sparse.current.coverage).toEqual(FULL);
    expect(sparse.previous.coverage).toEqual(FULL);
    expect(sparse.comparison).toMatchObject({ comparable: true, code: null, reason: null });
    expect(sparse.comparison.deltas.availability).toBeCloseTo(
      sparse.current.availability! - sparse.previous.availability!,
      12,
    );
    expect(sparse.comparison.deltas.budgetSpent).toBe(
      sparse.current.budget.spent - sparse.previous.budget.spent,
    );
  });

  it('compares down to exactly 80 % of the current period’s hours with data and not one hour less', async () => {
    const body = await trends(CURRENT);
    const edgeIn = segmentOf(body, 'seg-edge-in');
    expect(edgeIn.previous.coverage).toEqual({
      elapsedHours: PERIOD_HOURS,
      hoursWithData: 12,
      share: 0.8,
    });
    expect(edgeIn.comparison.comparable).toBe(true);
    expect(edgeIn.comparison.deltas.availability).not.toBeNull();

    const edgeOut = segmentOf(body, 'seg-edge-out');
    expect(edgeOut.previous.coverage).toEqual({
      elapsedHours: PERIOD_HOURS,
      hoursWithData: 11,
      share: 11 / PERIOD_HOURS,
    });
    expect(edgeOut.comparison).toMatchObject({
      comparable: false,
      code: 'thin_history',
      deltas: NO_DELTAS,
    });
  });

  it('adds a degraded thin_history reason to the answer’s quality naming the previous period and each thin segment’s coverage', async () => {
    const body = await trends(CURRENT);
    const reasons = body.quality.reasons.filter((r) => r.code === 'thin_history');
    expect(reasons).toHaveLength(1);
    const reason = reasons[0]!;
    expect(reason).toMatchObject({ severity: 'degraded', from: PREVIOUS.from, to: PREVIOUS.to });
    const clock = (ts: number) =>
      `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    expect(reason.message).toContain(
      `Not enough history to compare for 2 of 4 segments: in the previous period (${clock(PREVIOUS.from)} – ${clock(PREVIOUS.to)})`,
    );
    expect(reason.message).toContain('seg-thin has data in 20 % of its hours (this period: 100 %)');
    expect(reason.message).toContain('seg-edge-out has data in 73.3 % of its hours');
    expect(reason.message).not.toContain('seg-edge-in');
    expect(reason.message).not.toContain('seg-sparse');
    expect(body.quality.state).not.toBe('ok');
  });

  it('has no thin_history reason and compares every segment when both periods are fully covered', async () => {
    const body = await trends({ from: T - 4 * HOUR, to: T });
    expect(
      body.data.segments
        .map((s) => [s.slug, s.comparison.comparable, s.previous.coverage.share])
        .sort(),
    ).toEqual(SEGMENTS.map((slug) => [slug, true, 1]).sort());
    expect(body.quality.reasons.filter((r) => r.code === 'thin_history')).toEqual([]);
  });

  it('compares nothing for a window still in the future: no hour has started, so no coverage, no delta', async () => {
    const body = await trends({ from: T + 4 * HOUR, to: T + 6 * HOUR });
    for (const segment of body.data.segments) {
      expect(segment.current.coverage).toEqual({ elapsedHours: 0, hoursWithData: 0, share: null });
      expect(segment.current.availability).toBeNull();
      expect(segment.comparison).toMatchObject({
        comparable: false,
        code: 'no_current_data',
        deltas: NO_DELTAS,
      });
    }
    expect(body.quality.reasons.filter((r) => r.code === 'thin_history')).toEqual([]);
  });

  it('counts a partly elapsed window only up to the hour under way, and a partly included first hour as one', async () => {
    // From half past the current period's first hour to hours from now: 15 + 4 hour buckets, of which those started count.
    const window = { from: CURRENT.from + 30 * MINUTE, to: T + 4 * HOUR };
    const body = await trends(window);
    const elapsed = Math.ceil(body.meta.generatedAt / HOUR) - CURRENT.from / HOUR;
    expect(elapsed).toBeGreaterThanOrEqual(PERIOD_HOURS + 1);
    expect(elapsed).toBeLessThan(PERIOD_HOURS + 4);
    const thin = segmentOf(body, 'seg-thin');
    // The period's 15 hours and the hour of the recent event.
    expect(thin.current.coverage).toEqual({
      elapsedHours: elapsed,
      hoursWithData: PERIOD_HOURS + 1,
      share: (PERIOD_HOURS + 1) / elapsed,
    });
    // The previous window, [T − 33 h, T − 14 h 30 min), has ended: its 19 hours all count, the last
    // one (the current period's first) partly included. It holds all three thin hours and that one.
    expect(body.data.previousWindow).toEqual({ from: T - 33 * HOUR, to: window.from });
    expect(thin.previous.coverage).toEqual({ elapsedHours: 19, hoursWithData: 4, share: 4 / 19 });
  });
});
