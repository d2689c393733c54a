import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { Registry } from '../ingest/registry.ts';
import { DEMO_SEGMENTS, ERROR_SPIKE, SATURATING_PIPELINE, SILENT_ENTITY } from './demo-scenario.ts';
import { denseHistoryWindows } from './dense-history.ts';
import { DEMO_FLEET } from './fleet.ts';
import { OTLP_SEGMENTS } from './otlp-spans.ts';
import { seedDemoFleet, type SeedOptions } from './seed.ts';
import { activeFaults } from './simulation.repository.ts';

let db: TestDatabase;
let anchorMs: number;

async function scalar(sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await db.pool.query(sql, params);
  return Number(Object.values((rows as Record<string, unknown>[])[0] ?? {})[0]);
}

const options = (): SeedOptions => ({
  pool: db.pool,
  registry: new Registry(db.pool, { maxSegments: 100, maxEntities: 1_000 }),
  retentionDays: 400,
  seed: 42,
  anchorMs,
  historyDays: 3,
  scale: 0.02,
});

beforeAll(async () => {
  db = await createTestDatabase();
  anchorMs = (await databaseNow(db.pool)) - 60_000;
});
afterAll(async () => db?.drop());

describe('seedDemoFleet', () => {
  it('stores the history once: a second run with the same seed and anchor accepts nothing', async () => {
    const first = await seedDemoFleet(options());
    expect(first.generated).toBeGreaterThan(10_000);
    expect(first).toMatchObject({
      accepted: first.generated,
      duplicates: 0,
      rejected: 0,
      faultsInjected: 12,
    });
    expect(await scalar('SELECT COUNT(*) FROM events')).toBe(first.accepted);

    const second = await seedDemoFleet(options());
    expect(second).toMatchObject({
      generated: first.generated,
      accepted: 0,
      duplicates: first.generated,
      rejected: 0,
      faultsInjected: 0,
    });
    expect(await scalar('SELECT COUNT(*) FROM events')).toBe(first.accepted);
    expect(await scalar('SELECT COUNT(*) FROM sim_faults')).toBe(12);
  });

  it('registers every segment with its metadata and every entity with its kind', async () => {
    expect(await scalar('SELECT COUNT(*) FROM segments')).toBe(DEMO_SEGMENTS.length);
    expect(await scalar('SELECT COUNT(*) FROM entities')).toBe(DEMO_FLEET.length);
    const [rows] = await db.pool.query(
      'SELECT name, owner, slo_availability, slo_latency_p95_ms FROM segments WHERE slug = ?',
      ['search-ap'],
    );
    expect(rows).toEqual([
      {
        name: 'Search APAC',
        owner: 'team-search',
        slo_availability: 0.995,
        slo_latency_p95_ms: 250,
      },
    ]);
    const [kinds] = await db.pool.query(
      'SELECT kind, COUNT(*) AS n FROM entities GROUP BY kind ORDER BY kind',
    );
    const expected = ['host', 'pipeline', 'service', 'worker'].map((kind) => ({
      kind,
      n: DEMO_FLEET.filter((e) => e.kind === kind).length,
    }));
    expect(
      (kinds as { kind: string; n: number }[]).map((row) => ({ kind: row.kind, n: Number(row.n) })),
    ).toEqual(expected);
  });

  it('records the ongoing scripted faults and leaves the silent entity silent in the stored events', async () => {
    const faults = await activeFaults(db.pool);
    expect(
      faults
        .filter((f) => f.fault === 'errors')
        .map((f) => f.entity)
        .sort(),
    ).toEqual([...ERROR_SPIKE.culprits].sort());
    expect(faults.find((f) => f.fault === 'saturation')).toMatchObject({
      entity: SATURATING_PIPELINE.entity,
      segment: SATURATING_PIPELINE.segment,
      targetValue: SATURATING_PIPELINE.capacity,
    });
    expect(faults.find((f) => f.fault === 'silent')).toMatchObject({
      entity: SILENT_ENTITY.entity,
      startedAt: anchorMs + SILENT_ENTITY.silentSinceOffsetMs,
      clearedAt: null,
    });

    const silentSince = anchorMs + SILENT_ENTITY.silentSinceOffsetMs;
    const count = (op: '<' | '>=') =>
      scalar(
        `SELECT COUNT(*) FROM events ev JOIN entities e ON e.id = ev.entity_id WHERE e.slug = ? AND ev.ts ${op} ?`,
        [SILENT_ENTITY.entity, silentSince],
      );
    expect(await count('<')).toBeGreaterThan(0);
    expect(await count('>=')).toBe(0);
  });

  it("stores the OTLP-fed segments' requests as the OTLP receiver would: trace-derived ids and trace ids", async () => {
    const [rows] = await db.pool.query(
      `SELECT s.slug AS segment, ev.kind, ev.event_id, ev.trace_id
         FROM events ev JOIN segments s ON s.id = ev.segment_id`,
    );
    const events = rows as {
      segment: string;
      kind: number;
      event_id: string;
      trace_id: string | null;
    }[];
    const spans = events.filter((e) => OTLP_SEGMENTS.has(e.segment) && e.kind === 1);
    expect(spans.length).toBeGreaterThan(100);
    expect(
      spans.every((e) => e.trace_id !== null && e.event_id === e.trace_id + e.event_id.slice(32)),
    ).toBe(true);
    expect(spans.every((e) => /^[0-9a-f]{48}$/.test(e.event_id))).toBe(true);
    const others = events.filter((e) => !(OTLP_SEGMENTS.has(e.segment) && e.kind === 1));
    expect(others.every((e) => e.trace_id === null && e.event_id.startsWith('sim-'))).toBe(true);
  });

  it('seeds the error spike’s forerunner, nine days back, as densely as recent history', async () => {
    await seedDemoFleet({ ...options(), historyDays: 10 });
    const [window] = denseHistoryWindows(anchorMs);
    const failures = await scalar(
      `SELECT COUNT(*) FROM events ev JOIN entities e ON e.id = ev.entity_id
        WHERE e.slug = ? AND ev.error_class = ? AND ev.ts >= ? AND ev.ts < ?`,
      [ERROR_SPIKE.culprits[0], ERROR_SPIKE.errorClass, window!.from, window!.to],
    );
    // Two failures a minute at the very least over its 45 minutes, whatever the seed's scale.
    expect(failures).toBeGreaterThan(90);
  });
});
