import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import {
  estimatePercentile,
  mergeHistograms,
  unpackHistogram,
  type LatencyHistogram,
} from '@watchfloor/shared/metrics/latency-histogram';
import { SegmentDetailResponseSchema } from '@watchfloor/shared/drilldown';
import { OverviewResponseSchema, type OverviewResponse } from '@watchfloor/shared/overview';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { minutesAgo } from '../../testing/sample-events.ts';
import { drain } from '../../testing/rollup-truth.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
const start = Date.now();
const from = minutesAgo(150, start);
const gapFrom = from + 30 * 60_000;
const gapTo = from + 36 * 60_000;
const quietUntil = start - 20 * 60_000;

/** Three entities per segment, one request each every 20 s, no traffic at all during the gap. */
function traffic(
  segment: string,
  options: { errorEvery?: number; until?: number },
): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  let n = 0;
  for (let ts = from; ts < (options.until ?? start - 1_000); ts += 20_000) {
    if (ts >= gapFrom && ts < gapTo) continue;
    for (let e = 0; e < 3; e++) {
      n++;
      const failed = options.errorEvery !== undefined && n % options.errorEvery === 0;
      events.push({
        id: `${segment}-${e}-${ts}`,
        ts: ts + e * 11,
        segment,
        entity: `${segment}-e${e}`,
        kind: 'request',
        status: failed ? 'error' : 'ok',
        latencyMs: 5 + ((n * 53) % 290),
      });
    }
  }
  return events;
}

async function overview(query: string): Promise<OverviewResponse> {
  const response = await t.get(`/api/v1/overview?${query}`);
  expect(response.status).toBe(200);
  return OverviewResponseSchema.parse(await response.json());
}

async function rollupP95(slug: string, fromTs: number, toTs: number): Promise<number | null> {
  const [rows] = await db.pool.query(
    `SELECT r.latency_hist, r.latency_max FROM rollups_1m r JOIN segments s ON s.id = r.scope_id
      WHERE r.scope_kind = 2 AND s.slug = ? AND r.bucket_ts >= ? AND r.bucket_ts < ?`,
    [slug, fromTs, toTs],
  );
  const hist: LatencyHistogram = new Map();
  let max = 0;
  for (const row of rows as { latency_hist: string; latency_max: number | null }[]) {
    mergeHistograms(hist, unpackHistogram(row.latency_hist));
    max = Math.max(max, Number(row.latency_max ?? 0));
  }
  return estimatePercentile(hist, 0.95, { maxMs: max });
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const events = [
    ...traffic('seg-clean', {}),
    ...traffic('seg-broken', { errorEvery: 5 }),
    ...traffic('seg-quiet', { until: quietUntil }),
  ];
  for (let i = 0; i < events.length; i += 1_000)
    expect((await t.ingest(events.slice(i, i + 1_000))).status).toBe(200);
  await drain(t.newWorker());
});
afterAll(async () => db?.drop());

describe('GET /api/v1/overview', () => {
  it('marks a segment with injected errors critical, a clean one ok and a stopped one silent, worst first', async () => {
    const body = await overview(`from=${from}&to=${Date.now()}`);
    const bySlug = new Map(body.data.segments.map((s) => [s.slug, s]));
    expect(bySlug.get('seg-broken')).toMatchObject({ status: 'critical', entities: 3 });
    expect(bySlug.get('seg-broken')?.errorRatio).toBeCloseTo(0.2, 2);
    // One request in five fails; where the window starts decides whether the ratio is 20 % or just under.
    expect(bySlug.get('seg-broken')?.reason).toMatch(
      /^Error ratio (19\.\d+|20(\.\d+)?) % is at or above the 5 % critical limit$/,
    );
    expect(bySlug.get('seg-clean')).toMatchObject({
      status: 'ok',
      errors: 0,
      errorRatio: 0,
      availability: 1,
    });
    expect(bySlug.get('seg-quiet')).toMatchObject({ status: 'silent' });
    expect(bySlug.get('seg-quiet')?.reason).toContain(
      'No events from its 3 active entities in the last 5 minutes',
    );
    expect(body.data.segments.map((s) => s.status)).toEqual(['critical', 'silent', 'ok']);
    expect(body.data.fleet.statusCounts).toEqual({ ok: 1, warning: 0, critical: 1, silent: 1 });
    expect(body.meta.resolution).toBe('1m');
  });

  it('reports p95 equal to the shared estimator applied to the minute rollups, across hour tiles', async () => {
    const to = Date.now();
    const body = await overview(`from=${from}&to=${to}`);
    for (const segment of body.data.segments) {
      const expected = await rollupP95(segment.slug, from, to);
      expect(expected).not.toBeNull();
      expect(segment.latency.p95Ms).toBeCloseTo(expected!, 3);
      expect(segment.latency.p50Ms!).toBeLessThanOrEqual(segment.latency.p95Ms!);
      expect(segment.latency.p99Ms!).toBeGreaterThanOrEqual(segment.latency.p95Ms!);
    }
    const [rows] = await db.pool.query(
      'SELECT SUM(requests) AS n FROM rollups_1m WHERE scope_kind = 2 AND bucket_ts >= ?',
      [from],
    );
    expect(body.data.fleet.requests).toBe(Number((rows as { n: number }[])[0]!.n));
  });

  it('leaves buckets without data out of the fleet series instead of drawing zeros', async () => {
    const body = await overview(`from=${from}&to=${Date.now()}`);
    const series = body.data.fleet.series;
    expect(series.length).toBeGreaterThan(100);
    expect(series.filter((p) => p.ts >= gapFrom && p.ts < gapTo)).toEqual([]);
    expect(series.find((p) => p.ts === gapFrom - 60_000)?.ratePerSecond).toBeCloseTo(
      (3 * 3 * 3) / 60,
      3,
    );
    expect(body.quality.reasons.map((r) => r.code)).toContain('ingest_gap');
  });

  it('says unsafe for the gap in the segment, entity and zoomed series views too, and not for a window after it', async () => {
    const window = `from=${from}&to=${Date.now()}`;
    const after = `from=${gapTo + 5 * 60_000}&to=${Date.now()}`;
    for (const path of [
      '/api/v1/segments/seg-clean',
      '/api/v1/entities/seg-clean-e0',
      '/api/v1/series?scope=entity&id=seg-clean-e0&metrics=rate',
    ]) {
      const over = (await (
        await t.get(`${path}${path.includes('?') ? '&' : '?'}${window}`)
      ).json()) as { quality: { state: string; reasons: { code: string }[] } };
      expect(
        over.quality.reasons.map((r) => r.code),
        path,
      ).toContain('ingest_gap');
      expect(over.quality.state, path).toBe('unsafe');
      const clean = (await (
        await t.get(`${path}${path.includes('?') ? '&' : '?'}${after}`)
      ).json()) as { quality: { reasons: { code: string }[] } };
      expect(
        clean.quality.reasons.map((r) => r.code),
        path,
      ).not.toContain('ingest_gap');
    }
  });

  it('flags buckets at and after the watermark as partial while rollups are pending', async () => {
    const late = minutesAgo(10);
    await t.ingest([
      {
        id: 'late-1',
        ts: late + 5_000,
        segment: 'seg-clean',
        entity: 'seg-clean-e0',
        kind: 'request',
        status: 'ok',
        latencyMs: 40,
      },
    ]);
    const body = await overview(`from=${from}&to=${Date.now()}`);
    expect(body.quality.watermark).toBe(late);
    const series = body.data.fleet.series;
    expect(series.filter((p) => p.ts < late).every((p) => !p.partial)).toBe(true);
    expect(series.filter((p) => p.ts >= late).every((p) => p.partial)).toBe(true);
    expect(series.some((p) => p.partial)).toBe(true);
    await drain(t.newWorker());
  });

  it('rejects a malformed from with a 422 naming the parameter', async () => {
    const response = await t.get('/api/v1/overview?from=yesterday');
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { field: string }[] };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.field)).toEqual(['from']);
    expect(body.error.message).toContain('from');
  });

  it('reads windows as Grafana and the app write them: from=now-2h&to=now, range=24h', async () => {
    const windowOf = async (query: string) => {
      const response = await t.get(`/api/v1/overview?${query}`);
      expect(response.status, query).toBe(200);
      const { window } = (
        (await response.json()) as { data: { window: { from: number; to: number } } }
      ).data;
      return window;
    };
    const relative = await windowOf('from=now-2h&to=now');
    expect(relative.to - relative.from).toBeGreaterThanOrEqual(2 * 3_600_000 - 100);
    expect(relative.to - relative.from).toBeLessThanOrEqual(2 * 3_600_000 + 100);
    const ranged = await windowOf('range=24h');
    expect(ranged.to - ranged.from).toBe(24 * 3_600_000);
    const to = Date.now() - 86_400_000;
    expect(await windowOf(`range=90m&to=${to}`)).toEqual({ from: to - 90 * 60_000, to });
  });

  it('names range in a 422 when it is no length, too long, or given beside from', async () => {
    const problem = async (query: string) => {
      const response = await t.get(`/api/v1/overview?${query}`);
      expect(response.status, query).toBe(422);
      const body = (await response.json()) as {
        error: { details: { field: string; message: string }[] };
      };
      return body.error.details;
    };
    expect(await problem('range=6M')).toEqual([
      {
        field: 'range',
        message: expect.stringMatching(/length such as 6h.*months and years vary in length/),
      },
    ]);
    expect((await problem('range=401d')).map((d) => d.field)).toEqual(['range']);
    expect((await problem(`range=1h&from=${Date.now() - 60_000}`)).map((d) => d.field)).toEqual([
      'range',
    ]);
    expect(await problem('from=now-6M')).toEqual([
      { field: 'from', message: expect.stringMatching(/now-3h \(months and years/) },
    ]);
  });

  it('does not call a segment silent while its newest events wait for the rollup worker', async () => {
    const sentAt = Date.now() - 5_000;
    await t.ingest([
      {
        id: 'quiet-again-1',
        ts: sentAt,
        segment: 'seg-quiet',
        entity: 'seg-quiet-e0',
        kind: 'request',
        status: 'ok',
        latencyMs: 40,
      },
    ]);
    // No worker run: the event is accepted and pending, so no rollup shows it yet.
    const window = `from=${from}&to=${Date.now()}`;
    const fleet = await overview(window);
    const quiet = fleet.data.segments.find((s) => s.slug === 'seg-quiet');
    expect(quiet?.status).not.toBe('silent');
    expect(quiet?.reason).toContain('2 of its 3 active entities have stopped sending');
    const page = await t.get(`/api/v1/segments/seg-quiet?${window}`);
    expect(page.status).toBe(200);
    const segment = SegmentDetailResponseSchema.parse(await page.json()).data.segment;
    expect(segment.status).not.toBe('silent');
    await drain(t.newWorker());
  });
});
