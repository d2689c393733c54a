import { estimatePercentile, mergeHistograms } from '@watchfloor/shared/metrics/latency-histogram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { Registry } from '../ingest/registry.ts';
import { seedDemoFleet } from '../simulator/seed.ts';
import { ERROR_SPIKE, LATENCY_REGRESSION, SILENT_ENTITY } from '../simulator/demo-scenario.ts';
import { readRollups } from '../rollups/rollup.repository.ts';
import { SCOPE_SEGMENT } from '../rollups/rollup-aggregate.ts';
import { findSegment } from '../fleet/fleet.repository.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
const anchor = Math.floor(Date.now() / 60_000) * 60_000;
const spikeStart = anchor + ERROR_SPIKE.startOffsetMs;

type SegmentBody = {
  data: {
    segment: { status: string; reason: string };
    entities: { id: string; errorsAdded: number; silent: boolean; lastSeenAt: number | null }[];
  };
};
type OverviewBody = {
  data: { segments: { slug: string; status: string; latency: { p95Ms: number | null } }[] };
};

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  await seedDemoFleet({
    pool: db.pool,
    registry: new Registry(db.pool, { maxSegments: 100, maxEntities: 1_000 }),
    retentionDays: 400,
    seed: 7,
    anchorMs: anchor,
    historyDays: 1,
    scale: 0.3,
  });
  await drain(t.newWorker({ batchSize: 50_000 }));
}, 300_000);
afterAll(async () => db?.drop());

describe('the seeded incidents through the read API', () => {
  it('shows the error-spike segment critical for a window covering the spike, and ok before it', async () => {
    const during = (await (
      await t.get(`/api/v1/overview?from=${spikeStart + 10 * 60_000}&to=${anchor}`)
    ).json()) as OverviewBody;
    expect(during.data.segments.find((s) => s.slug === ERROR_SPIKE.segment)?.status).toBe(
      'critical',
    );
    expect(during.data.segments[0]?.slug).toBe(ERROR_SPIKE.segment);
    const before = (await (
      await t.get(
        `/api/v1/overview?from=${spikeStart - 3 * 3_600_000}&to=${spikeStart - 5 * 60_000}`,
      )
    ).json()) as OverviewBody;
    expect(before.data.segments.find((s) => s.slug === ERROR_SPIKE.segment)?.status).toBe('ok');
  });

  it('ranks the two culprit entities first and second in their segment', async () => {
    const body = (await (
      await t.get(`/api/v1/segments/${ERROR_SPIKE.segment}?from=${spikeStart}&to=${anchor}`)
    ).json()) as SegmentBody;
    expect(body.data.segment.status).toBe('critical');
    expect(
      body.data.entities
        .slice(0, 2)
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ERROR_SPIKE.culprits].sort());
    expect(body.data.entities[2]!.errorsAdded).toBeLessThan(body.data.entities[1]!.errorsAdded / 5);
  });

  it('flags the silent entity with its last-seen time', async () => {
    const body = (await (
      await t.get(
        `/api/v1/segments/${SILENT_ENTITY.segment}?from=${anchor - 3_600_000}&to=${anchor}`,
      )
    ).json()) as SegmentBody;
    const silent = body.data.entities.find((e) => e.id === SILENT_ENTITY.entity);
    expect(silent?.silent).toBe(true);
    expect(silent!.lastSeenAt!).toBeLessThanOrEqual(anchor + SILENT_ENTITY.silentSinceOffsetMs);
    expect(silent!.lastSeenAt!).toBeGreaterThan(
      anchor + SILENT_ENTITY.silentSinceOffsetMs - 5 * 60_000,
    );
    expect(body.data.entities.filter((e) => e.silent).map((e) => e.id)).toEqual([
      SILENT_ENTITY.entity,
    ]);
  });

  it('reports a segment p95 equal to the shared estimator applied to its rollups', async () => {
    const from = anchor - 2 * 3_600_000;
    const body = (await (
      await t.get(`/api/v1/overview?from=${from}&to=${anchor}`)
    ).json()) as OverviewBody;
    const segment = (await findSegment(db.pool, LATENCY_REGRESSION.segment))!;
    // Minute rows cover exactly the window the API tiles; merging is exact, so any tiling gives the same histogram.
    const rows = await readRollups(db.pool, '1m', SCOPE_SEGMENT, [segment.id], from, anchor);
    const hist = rows.reduce(
      (merged, row) => mergeHistograms(merged, row.hist),
      new Map<number, number>(),
    );
    const maxMs = Math.max(...rows.map((r) => r.latencyMax ?? 0));
    const expected = estimatePercentile(hist, 0.95, { maxMs })!;
    expect(
      body.data.segments.find((s) => s.slug === LATENCY_REGRESSION.segment)?.latency.p95Ms,
    ).toBeCloseTo(expected, 2);
  });

  it('serves the entity page with the spike in its series and the zoom series at a finer resolution', async () => {
    const culprit = ERROR_SPIKE.culprits[0];
    const entity = (await (
      await t.get(`/api/v1/entities/${culprit}?from=${anchor - 6 * 3_600_000}&to=${anchor}`)
    ).json()) as {
      data: {
        entity: { segment: string; errorRatio: number };
        series: { ts: number; errors: number }[];
      };
      meta: { resolution: string };
    };
    expect(entity.data.entity.segment).toBe(ERROR_SPIKE.segment);
    expect(entity.meta.resolution).toBe('1m');
    const errorsBefore = entity.data.series
      .filter((p) => p.ts < spikeStart)
      .reduce((n, p) => n + p.errors, 0);
    const errorsDuring = entity.data.series
      .filter((p) => p.ts >= spikeStart)
      .reduce((n, p) => n + p.errors, 0);
    expect(errorsDuring).toBeGreaterThan(10 * Math.max(1, errorsBefore));
    const week = (await (
      await t.get(
        `/api/v1/series?scope=entity&id=${culprit}&metrics=errors,p95&from=${anchor - 7 * 86_400_000}&to=${anchor}`,
      )
    ).json()) as { meta: { resolution: string }; data: { points: { p50Ms: number | null }[] } };
    expect(week.meta.resolution).toBe('1h');
    expect(week.data.points.every((p) => p.p50Ms === null)).toBe(true);
  });
});
