import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistogramAccumulator } from '@watchfloor/shared/metrics/histogram-accumulator';
import { packHistogram } from '@watchfloor/shared/metrics/latency-histogram';
import { RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import { sparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';
import { databaseNow } from '../../db/db-clock.ts';
import { createPool } from '../../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { estimateLatency } from './bucket-point.ts';
import {
  FLEET_SCOPE_ID,
  SCOPE_ENTITY,
  SCOPE_FLEET,
  SCOPE_SEGMENT,
  type ScopeKind,
} from './rollup-aggregate.ts';
import { readRollups } from './rollup.repository.ts';
import { toSeriesBucket } from './series-bucket.ts';
import { readSeries } from './series.repository.ts';
import { readSparklines } from './sparklines.repository.ts';
import { readTotalAndSeries } from './total-and-series.repository.ts';
import { readScopeTotals } from './window-totals.repository.ts';
import { tileWindow } from './window-tiles.ts';
import { variedTraffic } from './testing/varied-traffic.ts';

let db: TestDatabase;

/**
 * Doubles read back through the text protocol may carry 15 significant digits, points all 17:
 * sums like 990.0000000000001 can read as 990 from a column. Compared at 12 digits, far below
 * display.
 */
function digits12(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array, digits12);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, digits12(v)]));
  if (Array.isArray(value)) return value.map(digits12);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, digits12(v)]));
  return value;
}
const HOUR = RESOLUTIONS['1h'];
let end: number;
let from: number;

beforeAll(async () => {
  db = await createTestDatabase();
  end = Math.floor((await databaseNow(db.pool)) / 60_000) * 60_000;
  from = end - 3 * HOUR;
  const t = await createTestApp(db);
  // Three hours for two entities: a request every 7 s, a gauge reading every 28 s.
  const events = variedTraffic({
    fromMs: from,
    toMs: end,
    everyMs: 7_000,
    entities: [0, 1].map((e) => ({ segment: 'points', entity: `points-${e}` })),
    errorEvery: 13,
    gaugeEvery: 4,
  });
  for (let i = 0; i < events.length; i += 1_000)
    expect((await t.ingest(events.slice(i, i + 1_000))).status).toBe(200);
  await drain(t.newWorker());
});
afterAll(async () => db?.drop());

async function scopes(): Promise<[ScopeKind, number][]> {
  const [rows] = await db.pool.query(
    "SELECT e.id AS entity, e.segment_id AS segment FROM entities e WHERE e.slug = 'points-0'",
  );
  const row = (rows as { entity: number; segment: number }[])[0]!;
  return [
    [SCOPE_ENTITY, row.entity],
    [SCOPE_SEGMENT, row.segment],
    [SCOPE_FLEET, FLEET_SCOPE_ID],
  ];
}

describe('series read from stored points and minute strips', () => {
  it('stores a point with every rollup row the worker writes', async () => {
    for (const table of ['rollups_1m', 'rollups_1h', 'rollups_1d']) {
      const [rows] = await db.pool.query(
        `SELECT COUNT(*) AS n, COUNT(point) AS points FROM ${table}`,
      );
      const { n, points } = (rows as { n: number; points: number }[])[0]!;
      expect(Number(n)).toBeGreaterThan(0);
      expect(Number(points)).toBe(Number(n));
    }
  });

  it('stores with every hour row the points of its minutes', async () => {
    const [strips] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, minute_points FROM rollups_1h ORDER BY scope_kind, scope_id, bucket_ts',
    );
    const [minutes] = await db.pool.query('SELECT COUNT(*) AS n FROM rollups_1m');
    const stripped = (strips as { minute_points: string | null }[]).map(
      (r) => r.minute_points?.split(';').length ?? 0,
    );
    expect(stripped.reduce((a, b) => a + b, 0)).toBe(Number((minutes as { n: number }[])[0]!.n));
  });

  it("reads a scope's window total and minute series together exactly as the separate reads do", async () => {
    // Unaligned, longer than an hour: edge minutes, whole hours, and a series from minute strips.
    const window = { from: from + 7 * 60_000 + 5_000, to: end - 11 * 60_000 };
    const tiles = tileWindow(window.from, window.to);
    for (const [kind, id] of await scopes()) {
      const together = await readTotalAndSeries(db.pool, '1m', kind, id, window, tiles);
      const totals = await readScopeTotals(db.pool, kind, [id], tiles);
      const series = await readSeries(db.pool, '1m', kind, id, window.from, window.to);
      expect(together.series.length).toBeGreaterThan(100);
      expect(together.series).toEqual(series);
      expect(digits12(together.total)).toEqual(digits12(totals.get(id)));
    }
  });

  it('sums window totals in the database, and from the rows when a joined histogram would be cut', async () => {
    const window = { from: from + 7 * 60_000 + 5_000, to: end - 11 * 60_000 };
    const tiles = tileWindow(window.from, window.to);
    // One connection whose GROUP_CONCAT is cut after 16 characters: every joined histogram is longer.
    const cut = createPool({ url: db.url, connectionLimit: 1 });
    try {
      await cut.query('SET SESSION group_concat_max_len = 16');
      const [joined] = await cut.query(
        'SELECT CHAR_LENGTH(GROUP_CONCAT(latency_hist)) AS n FROM rollups_1m',
      );
      expect(Number((joined as { n: number }[])[0]!.n)).toBe(16);
      for (const [kind, id] of await scopes()) {
        const summed = await readScopeTotals(db.pool, kind, [id], tiles);
        expect(summed.get(id)?.hist.total()).toBeGreaterThan(100);
        expect(digits12(await readScopeTotals(cut, kind, [id], tiles))).toEqual(digits12(summed));
      }
    } finally {
      await cut.end();
    }
  });

  it('sums entity sparklines from minute strips exactly as from the minute rows', async () => {
    const [rows] = await db.pool.query(
      "SELECT id FROM entities WHERE slug LIKE 'points-%' ORDER BY slug",
    );
    const ids = (rows as { id: number }[]).map((r) => r.id);
    const window = { from: from + 7 * 60_000 + 5_000, to: end - 11 * 60_000 };
    const plan = sparklinePlan(window.from, window.to);
    expect(plan.source).toBe('1m');
    const fromStrips = await readSparklines(db.pool, ids, plan, window.from, window.to);
    // Spans of an hour at most read the minute rows; the plan's steps divide an hour.
    const fromMinutes = new Map<number, [number, number, number][]>();
    let at = Math.floor(window.from / plan.stepMs) * plan.stepMs;
    while (at < window.to) {
      const next = Math.min(Math.floor(at / HOUR) * HOUR + HOUR, window.to);
      for (const [id, line] of await readSparklines(db.pool, ids, plan, at, next))
        fromMinutes.set(id, [...(fromMinutes.get(id) ?? []), ...line]);
      at = next;
    }
    expect(fromStrips.size).toBe(2);
    expect([...fromStrips.values()].every((line) => line.length > 50)).toBe(true);
    expect(fromStrips).toEqual(fromMinutes);
  });

  it('gives each bucket the figures and percentiles of its full columns and histogram, at every resolution and scope', async () => {
    const resolutions: Resolution[] = ['1m', '1h', '1d'];
    const span = { from: from - 86_400_000, to: end };
    for (const [kind, id] of await scopes()) {
      for (const resolution of resolutions) {
        const series = await readSeries(db.pool, resolution, kind, id, span.from, span.to);
        const rows = await readRollups(db.pool, resolution, kind, [id], span.from, span.to);
        expect(series.length).toBeGreaterThan(0);
        const hist = new HistogramAccumulator();
        const fromColumns = rows.map((row) => {
          hist.reset();
          hist.addPacked(packHistogram(row.hist));
          return toSeriesBucket(row.bucketTs, {
            ...row,
            latency: estimateLatency(hist, row.latencyMax),
          });
        });
        expect(digits12(series)).toEqual(digits12(fromColumns));
      }
    }
  });

  it('reads minutes over more than an hour from the strips exactly as from the minute rows', async () => {
    for (const [kind, id] of await scopes()) {
      const fromStrips = await readSeries(db.pool, '1m', kind, id, from - 86_400_000, end);
      // An hour at a time, the minute rows' points are read instead.
      const fromMinuteRows = [];
      for (let hour = Math.floor(from / HOUR) * HOUR; hour < end; hour += HOUR)
        fromMinuteRows.push(...(await readSeries(db.pool, '1m', kind, id, hour, hour + HOUR)));
      expect(fromStrips.length).toBeGreaterThan(100);
      expect(fromStrips).toEqual(fromMinuteRows);
    }
  });
});
