import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { drain } from '../../testing/rollup-truth.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
type Body = {
  data: {
    state: string;
    freshnessLagSeconds: number;
    completeness: number;
    watermark: number;
    reasons: { code: string; severity: string; message: string }[];
    lastRun: { status: string } | null;
    pendingBuckets: number;
  };
  quality: { state: string };
  meta: { requestId: string };
};
const quality = async (query = '') =>
  (await (await t.get(`/api/v1/quality${query}`)).json()) as Body;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, {
    thresholds: {
      degradedLagSeconds: 5,
      stalledLagSeconds: 60,
      gapMinutes: 3,
      gapHorizonMinutes: 360,
    },
  });
});
afterAll(async () => db?.drop());

describe('GET /api/v1/quality', () => {
  it('is ok with full completeness when continuous data is rolled up', async () => {
    await t.ingest(
      sampleEvents({ fromMs: minutesAgo(60), toMs: minutesAgo(0) + 60_000, everyMs: 15_000 }),
    );
    await drain(t.newWorker());
    const body = await quality(`?from=${minutesAgo(55)}&to=${minutesAgo(5)}`);
    expect(body.data.state).toBe('ok');
    expect(body.data.completeness).toBe(1);
    expect(body.data.lastRun?.status).toBe('ok');
    expect(body.quality.state).toBe('ok');
    expect(body.meta.requestId).toBeTruthy();
  });

  it('marks not-yet-rolled-up minutes as partial and reports the lag; degraded once the lag passes the threshold', async () => {
    await t.ingest([
      {
        id: 'fresh-1',
        ts: Date.now() - 5_000,
        segment: 'seg-even',
        entity: 'ent-0',
        kind: 'request',
        status: 'ok',
        latencyMs: 3,
      },
    ]);
    const fresh = await quality();
    expect(fresh.data.reasons.map((r) => r.code)).toContain('partial');
    expect(fresh.data.watermark).toBeLessThanOrEqual(minutesAgo(0));
    await db.pool.query('UPDATE rollup_dirty SET created_at = created_at - 10000');
    const lagging = await quality();
    expect(lagging.data.state).toBe('degraded');
    expect(lagging.data.freshnessLagSeconds).toBeGreaterThanOrEqual(10);
  });

  it('is unsafe when the worker has stalled, and recovers once it runs', async () => {
    await db.pool.query('UPDATE rollup_dirty SET created_at = created_at - 120000');
    const stalled = await quality();
    expect(stalled.data.state).toBe('unsafe');
    expect(stalled.data.reasons.find((r) => r.code === 'worker_stalled')?.message).toMatch(
      /stalled/,
    );
    await drain(t.newWorker());
    const recovered = await quality(`?from=${minutesAgo(55)}&to=${minutesAgo(5)}`);
    expect(recovered.data.state).toBe('ok');
    expect(recovered.data.freshnessLagSeconds).toBe(0);
  });

  it('is unsafe for a window with an ingest gap, naming when, and lowers completeness', async () => {
    const gapStart = minutesAgo(30);
    await db.pool.query('DELETE FROM events WHERE ts >= ? AND ts < ?', [
      gapStart,
      gapStart + 6 * 60_000,
    ]);
    await db.pool.query('DELETE FROM rollups_1m WHERE bucket_ts >= ? AND bucket_ts < ?', [
      gapStart,
      gapStart + 6 * 60_000,
    ]);
    const body = await quality(`?from=${minutesAgo(50)}&to=${minutesAgo(10)}`);
    expect(body.data.state).toBe('unsafe');
    const gap = body.data.reasons.find((r) => r.code === 'ingest_gap');
    expect(gap?.message).toContain(new Date(gapStart).toISOString().slice(11, 16));
    expect(body.data.completeness).toBeCloseTo(1 - 6 / 40, 2);
    const before = await quality(`?from=${minutesAgo(58)}&to=${minutesAgo(40)}`);
    expect(before.data.reasons.map((r) => r.code)).not.toContain('ingest_gap');
  });

  it('is degraded for a window covering a database outage the worker recorded, naming when; other windows are not', async () => {
    const from = minutesAgo(20);
    const to = from + 12_000;
    await db.pool.query(
      "INSERT INTO worker_runs (worker_id, started_at, finished_at, status, failure_class, failure_message, duration_ms) VALUES ('w', ?, ?, 'failed', 'database_unavailable', 'the database could not be reached', ?)",
      [from, to, to - from],
    );
    const covering = await quality(`?from=${minutesAgo(25)}&to=${minutesAgo(15)}`);
    const outage = covering.data.reasons.find((r) => r.code === 'database_outage');
    expect(outage?.severity).toBe('degraded');
    expect(outage?.message).toContain(new Date(from).toISOString().slice(11, 19));
    expect(covering.data.state).not.toBe('ok');
    const before = await quality(`?from=${minutesAgo(58)}&to=${minutesAgo(40)}`);
    expect(before.data.reasons.map((r) => r.code)).not.toContain('database_outage');
  });

  it('answers 404 for an unknown entity and 422 naming a bad parameter', async () => {
    expect((await t.get('/api/v1/quality?entity=nope')).status).toBe(404);
    const bad = await t.get('/api/v1/quality?from=yesterday');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('from');
  });
});
