import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentDetailResponseSchema } from '@watchfloor/shared/drilldown';
import { OverviewResponseSchema } from '@watchfloor/shared/overview';
import { databaseNow } from '../../db/db-clock.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { sampleEvents } from '../../testing/sample-events.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import {
  advanceBackfill,
  beginBackfill,
  DEMO_HISTORY,
  finishBackfill,
} from './backfill.repository.ts';

const HOUR = 3_600_000;
let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
let now: number;
let filledFrom: number;

/** The segment view's quality for a window; `iso` spells the same window differently (a fresh answer). */
async function segmentQuality(from: number, to: number, iso = false) {
  const spell = (ts: number) => (iso ? new Date(ts).toISOString() : String(ts));
  const response = await t.get(`/api/v1/segments/seg-even?from=${spell(from)}&to=${spell(to)}`);
  expect(response.status).toBe(200);
  return SegmentDetailResponseSchema.parse(await response.json()).quality;
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  now = Math.floor((await databaseNow(db.pool)) / 60_000) * 60_000;
  // Three steady hours of traffic, every minute of them rolled up: nothing else to complain about.
  const events = sampleEvents({ fromMs: now - 3 * HOUR, toMs: now, everyMs: 15_000 });
  for (let i = 0; i < events.length; i += 2_000)
    expect((await t.ingest(events.slice(i, i + 2_000))).status).toBe(200);
  await drain(t.newWorker());
  // A back-fill of those three hours, recorded as having stored only the newest one so far.
  filledFrom = now - HOUR;
  await beginBackfill(db.pool, {
    name: DEMO_HISTORY,
    anchorMs: now,
    historyFrom: now - 3 * HOUR,
    seed: 42,
    scale: 1,
    liveRate: null,
    liveHours: 6,
  });
  expect(await advanceBackfill(db.pool, DEMO_HISTORY, now, filledFrom)).toBe(true);
});
afterAll(async () => db?.drop());

describe('quality while history is being back-filled', () => {
  it('marks a window reaching before the back-filled point degraded, naming the point, and complete again once the back-fill is done', async () => {
    const from = now - 2 * HOUR;
    const to = now - 30 * 60_000;
    const loading = await segmentQuality(from, to);
    const reason = loading.reasons.find((r) => r.code === 'backfill');
    expect(reason).toMatchObject({ severity: 'degraded', from, to: filledFrom });
    expect(reason?.message).toContain(
      `still loading (back-filled to ${new Date(filledFrom).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    );
    expect(loading.state).toBe('degraded');
    // An hour of the window's ninety minutes is not written yet.
    expect(loading.completeness).toBeCloseTo(1 / 3, 2);

    // The overview's per-segment verdicts say the same.
    const overview = OverviewResponseSchema.parse(
      await (await t.get(`/api/v1/overview?from=${from}&to=${to}`)).json(),
    );
    expect(overview.quality.reasons.map((r) => r.code)).toContain('backfill');

    await finishBackfill(db.pool, DEMO_HISTORY);
    const done = await segmentQuality(from, to, true);
    expect(done.reasons.map((r) => r.code)).not.toContain('backfill');
    expect(done.completeness).toBe(1);
    expect(done.state).toBe('ok');
  });

  it('leaves a window inside the back-filled stretch alone', async () => {
    await beginBackfill(db.pool, {
      name: 'other-history',
      anchorMs: now,
      historyFrom: now - 3 * HOUR,
      seed: 1,
      scale: 1,
      liveRate: null,
      liveHours: 6,
    });
    await advanceBackfill(db.pool, 'other-history', now, filledFrom);
    const inside = await segmentQuality(filledFrom + 10 * 60_000, now - 20 * 60_000);
    expect(inside.reasons.map((r) => r.code)).not.toContain('backfill');
    expect(inside.state).toBe('ok');
    await finishBackfill(db.pool, 'other-history');
  });
});
