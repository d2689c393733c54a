import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { TrendsResponseSchema, type SegmentTrend, type TrendsResponse } from '@watchfloor/shared/trends/api';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { CoverageCellCache } from './coverage-cells.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The current period ends at a whole minute already passed; neither period reaches into the future. */
const T = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const CURRENT = { from: T - 6 * HOUR, to: T };
const PREVIOUS = { from: T - 12 * HOUR, to: T - 6 * HOUR };
const PERIOD_MINUTES = 360;

/**
 * Minutes (offsets from the period's start) in which each segment sends data. Every segment sends
 * in every minute of the current period, failing one request in 40; before that:
 * - seg-thin: 10 minutes spread over the previous period, all successful — the thin history that
 *   used to read as "100 % available, everything worse";
 * - seg-steady: every minute, like now;
 * - seg-edge-in: the first 288 minutes, exactly 80 % of the current coverage;
 * - seg-edge-out: the first 287, one minute short of it.
 */
const PREVIOUS_MINUTES: Record<string, number[]> = {
  'seg-thin': Array.from({ length: 10 }, (_, i) => i * 35),
  'seg-steady': Array.from({ length: PERIOD_MINUTES }, (_, i) => i),
  'seg-edge-in': Array.from({ length: 288 }, (_, i) => i),
  'seg-edge-out': Array.from({ length: 287 }, (_, i) => i),
};
const SEGMENTS = Object.keys(PREVIOUS_MINUTES);

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

function traffic(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  let n = 0;
  const minute = (segment: string, ts: number, failing: boolean) => {
    for (const second of [5, 35]) {
      n++;
      const status = failing && n % 40 === 0 ? 'error' : 'ok';
      events.push({ id: `${segment}-${ts + second * 1000}`, ts: ts + second * 1000, segment, entity: `${segment}-e0`, kind: 'request', status, latencyMs: 50 });
    }
  };
  for (const segment of SEGMENTS) {
    for (let i = 0; i < PERIOD_MINUTES; i++) minute(segment, CURRENT.from + i * MINUTE, true);
    for (const i of PREVIOUS_MINUTES[segment]!) minute(segment, PREVIOUS.from + i * MINUTE, segment !== 'seg-thin');
  }
  return events;
}

async function trends(window: { from: number; to: number }): Promise<TrendsResponse> {
  const response = await t.get(`/api/v1/trends?period=custom&from=${window.from}&to=${window.to}`, 'manager');
  expect(response.status, await response.clone().text()).toBe(200);
  return TrendsResponseSchema.parse(await response.json());
}

const segmentOf = (body: TrendsResponse, slug: string): SegmentTrend => body.data.segments.find((s) => s.slug === slug)!;
const NO_DELTAS = { availability: null, latencyCompliance: null, budgetSpent: null, budgetRemainingShare: null, incidents: null, mttrMs: null, actions: null };

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const events = traffic();
  for (let i = 0; i < events.length; i += 5_000) expect((await t.ingest(events.slice(i, i + 5_000))).status).toBe(200);
  await drain(t.newWorker());
}, 120_000);
afterAll(async () => db?.drop());

describe('GET /api/v1/trends on thin history', () => {
  it('says "not enough history to compare" for a previous period with data in 10 of 360 minutes, with no delta, instead of 100 % and "worse"', async () => {
    const body = await trends(CURRENT);
    expect(body.data.previousWindow).toEqual(PREVIOUS);
    const thin = segmentOf(body, 'seg-thin');
    expect(thin.current.coverage).toEqual({ elapsedMinutes: 360, minutesWithData: 360, share: 1 });
    expect(thin.previous.coverage).toEqual({ elapsedMinutes: 360, minutesWithData: 10, share: 10 / 360 });
    // The figures themselves stay true to the minutes that have data…
    expect(thin.previous.availability).toBe(1);
    expect(thin.current.availability).toBeLessThan(1);
    // …but they are not compared.
    expect(thin.comparison).toEqual({
      comparable: false,
      code: 'thin_history',
      reason: expect.stringMatching(/^Not enough history to compare: the previous period has data in 2\.7 % of its minutes, this one in 100 %/),
      deltas: NO_DELTAS,
    });
  });

  it('compares periods with enough history, down to exactly 80 % of the current coverage and not one minute less', async () => {
    const body = await trends(CURRENT);
    const steady = segmentOf(body, 'seg-steady');
    expect(steady.previous.coverage.share).toBe(1);
    expect(steady.comparison).toMatchObject({ comparable: true, code: null, reason: null });
    expect(steady.comparison.deltas.availability).toBeCloseTo(steady.current.availability! - steady.previous.availability!, 12);
    expect(steady.comparison.deltas.budgetSpent).toBe(steady.current.budget.spent - steady.previous.budget.spent);

    const edgeIn = segmentOf(body, 'seg-edge-in');
    expect(edgeIn.previous.coverage).toEqual({ elapsedMinutes: 360, minutesWithData: 288, share: 0.8 });
    expect(edgeIn.comparison.comparable).toBe(true);
    expect(edgeIn.comparison.deltas.availability).not.toBeNull();

    const edgeOut = segmentOf(body, 'seg-edge-out');
    expect(edgeOut.previous.coverage.minutesWithData).toBe(287);
    expect(edgeOut.comparison).toMatchObject({ comparable: false, code: 'thin_history', deltas: NO_DELTAS });
  });

  it('adds a degraded thin_history reason to the answer’s quality naming the previous period and each thin segment’s coverage', async () => {
    const body = await trends(CURRENT);
    const reasons = body.quality.reasons.filter((r) => r.code === 'thin_history');
    expect(reasons).toHaveLength(1);
    const reason = reasons[0]!;
    expect(reason).toMatchObject({ severity: 'degraded', from: PREVIOUS.from, to: PREVIOUS.to });
    const clock = (ts: number) => `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    expect(reason.message).toContain(`Not enough history to compare for 2 of 4 segments: in the previous period (${clock(PREVIOUS.from)} – ${clock(PREVIOUS.to)})`);
    expect(reason.message).toContain('seg-thin has data in 2.7 % of its minutes (this period: 100 %)');
    expect(reason.message).toContain('seg-edge-out has data in 79.7 % of its minutes');
    expect(reason.message).not.toContain('seg-edge-in');
    expect(body.quality.state).not.toBe('ok');
  });

  it('has no thin_history reason and compares every segment when both periods are fully covered', async () => {
    const body = await trends({ from: T - 3 * HOUR, to: T });
    expect(body.data.segments.map((s) => [s.slug, s.comparison.comparable, s.previous.coverage.share]).sort()).toEqual(SEGMENTS.map((slug) => [slug, true, 1]).sort());
    expect(body.quality.reasons.filter((r) => r.code === 'thin_history')).toEqual([]);
  });

  it('compares nothing for a window still in the future: no minute has passed, so no coverage, no delta', async () => {
    const body = await trends({ from: T + 2 * HOUR, to: T + 4 * HOUR });
    for (const segment of body.data.segments) {
      expect(segment.current.coverage).toEqual({ elapsedMinutes: 0, minutesWithData: 0, share: null });
      expect(segment.current.availability).toBeNull();
      expect(segment.comparison).toMatchObject({ comparable: false, code: 'no_current_data', deltas: NO_DELTAS });
    }
    expect(body.quality.reasons.filter((r) => r.code === 'thin_history')).toEqual([]);
  });

  it('counts a partly elapsed window only up to now, and hours without minute strips by their minute rows', async () => {
    // Hours written before strips existed carry none; coverage must not change.
    await db.pool.query('UPDATE rollups_1h SET minute_points = NULL WHERE scope_kind = 2');
    // Ends an hour from now, so the window differs from the ones above and is computed afresh.
    const body = await trends({ from: CURRENT.from, to: T + HOUR });
    const elapsed = (Math.floor(body.meta.generatedAt / MINUTE) * MINUTE - CURRENT.from) / MINUTE;
    expect(elapsed).toBeGreaterThanOrEqual(PERIOD_MINUTES + 1);
    expect(elapsed).toBeLessThanOrEqual(PERIOD_MINUTES + 3);
    const thin = segmentOf(body, 'seg-thin');
    expect(thin.current.coverage).toEqual({ elapsedMinutes: elapsed, minutesWithData: PERIOD_MINUTES, share: PERIOD_MINUTES / elapsed });
    // The previous window is [T − 12 h − 1 h, T − 6 h + …): it still holds all ten thin minutes.
    expect(thin.previous.coverage.minutesWithData).toBe(10);
    expect(segmentOf(body, 'seg-edge-in').previous.coverage.minutesWithData).toBe(288);
  });

  it('keeps a whole past day’s count for an hour, then reads the day again', async () => {
    // Runs last: it rewrites seg-edge-in's hour rows. The clock and watermark are the test's own.
    let now = T;
    const cells = new CoverageCellCache(() => now);
    const day = Math.floor(PREVIOUS.from / DAY) * DAY;
    const sent = (slug: string) =>
      [...Array.from({ length: PERIOD_MINUTES }, (_, i) => CURRENT.from + i * MINUTE), ...PREVIOUS_MINUTES[slug]!.map((i) => PREVIOUS.from + i * MINUTE)].filter((ts) => ts >= day && ts < day + DAY).length;
    const [[segment]] = (await db.pool.query("SELECT id FROM segments WHERE slug = 'seg-edge-in'")) as unknown as [{ id: number }[]];
    const count = async () => (await cells.minutes(db.pool, [segment!.id], day, day + DAY, day + DAY)).get(segment!.id) ?? 0;
    expect(sent('seg-edge-in')).toBeGreaterThan(0);
    expect(await count()).toBe(sent('seg-edge-in'));
    await db.pool.query("UPDATE rollups_1h SET minute_points = '' WHERE scope_kind = 2 AND scope_id = ?", [segment!.id]);
    now += HOUR - 1;
    expect(await count()).toBe(sent('seg-edge-in'));
    now += 1;
    expect(await count()).toBe(0);
  });
});
