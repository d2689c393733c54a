import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import { createPool } from '../../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import {
  FLEET_SCOPE_ID,
  SCOPE_ENTITY,
  SCOPE_FLEET,
  SCOPE_SEGMENT,
  type ScopeKind,
} from '../rollups/rollup-aggregate.ts';
import { backfillMinuteStrips, backfillPoints } from '../rollups/point-backfill.ts';
import { readScopeTotals, readSeries, readTotalAndSeries } from './rollup-reads.repository.ts';
import { tileWindow } from './window-tiles.ts';
import { readSparklines } from './detail.repository.ts';
import { sparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';

let db: TestDatabase;

/**
 * Doubles read back through the text protocol carry 15 significant digits, points all 17: sums
 * like 990.0000000000001 read as 990 from a column. Compared at 12 digits, far below display.
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
const end = Math.floor(Date.now() / 60_000) * 60_000;
const from = end - 3 * 3_600_000;

/** Requests with varied latencies and errors, and gauge readings, over three hours for two entities. */
function traffic(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  for (let ts = from, n = 0; ts < end; ts += 7_000, n++) {
    events.push({
      id: `r-${n}`,
      ts,
      segment: 'points',
      entity: `points-${n % 2}`,
      kind: 'request',
      status: n % 13 === 0 ? 'error' : 'ok',
      latencyMs: 3 + ((n * 97) % 900) / 7,
    });
    if (n % 4 === 0)
      events.push({
        id: `g-${n}`,
        ts: ts + 1,
        segment: 'points',
        entity: 'points-0',
        kind: 'heartbeat',
        status: 'ok',
        value: (n % 37) * 1.1,
      });
  }
  return events;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const t = await createTestApp(db);
  const events = traffic();
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

  it('stores with every hour row the points of its minutes, and backfills hour rows written before strips existed', async () => {
    const [strips] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, minute_points FROM rollups_1h ORDER BY scope_kind, scope_id, bucket_ts',
    );
    const [minutes] = await db.pool.query('SELECT COUNT(*) AS n FROM rollups_1m');
    const stripped = (strips as { minute_points: string | null }[]).map(
      (r) => r.minute_points?.split(';').length ?? 0,
    );
    expect(stripped.reduce((a, b) => a + b, 0)).toBe(Number((minutes as { n: number }[])[0]!.n));

    await db.pool.query('UPDATE rollups_1h SET minute_points = NULL');
    let at = await backfillMinuteStrips(db.pool, null, 2);
    while (at) at = await backfillMinuteStrips(db.pool, at, 2);
    const [after] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, minute_points FROM rollups_1h ORDER BY scope_kind, scope_id, bucket_ts',
    );
    expect(after).toEqual(strips);
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
    const [strips] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, minute_points FROM rollups_1h',
    );
    await db.pool.query('UPDATE rollups_1h SET minute_points = NULL');
    const fromMinutes = await readSparklines(db.pool, ids, plan, window.from, window.to);
    for (const r of strips as {
      scope_kind: number;
      scope_id: number;
      bucket_ts: number;
      minute_points: string;
    }[]) {
      await db.pool.query(
        'UPDATE rollups_1h SET minute_points = ? WHERE scope_kind = ? AND scope_id = ? AND bucket_ts = ?',
        [r.minute_points, r.scope_kind, r.scope_id, r.bucket_ts],
      );
    }
    expect(fromStrips.size).toBe(2);
    expect([...fromStrips.values()].every((line) => line.length > 50)).toBe(true);
    expect(fromStrips).toEqual(fromMinutes);
  });

  it('gives rows written before points existed the same points again, walking each table once', async () => {
    const [before] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, point FROM rollups_1m ORDER BY scope_kind, scope_id, bucket_ts',
    );
    await db.pool.query('UPDATE rollups_1m SET point = NULL');
    let at = await backfillPoints(db.pool, '1m', null, 50);
    let steps = 1;
    while (at) {
      at = await backfillPoints(db.pool, '1m', at, 50);
      steps += 1;
    }
    const [after] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, point FROM rollups_1m ORDER BY scope_kind, scope_id, bucket_ts',
    );
    expect((after as unknown[]).length).toBeGreaterThan(300);
    expect(digits12(after)).toEqual(digits12(before));
    expect(steps).toBe(Math.floor((after as unknown[]).length / 50) + 1);
  });

  it('gives the series and window totals of the full columns and histograms, at every resolution and scope', async () => {
    const resolutions: Resolution[] = ['1m', '1h', '1d'];
    const fromPoints = new Map<string, unknown>();
    // An unaligned window: minutes at both edges, hours between.
    const tiles = tileWindow(from + 7 * 60_000 + 5_000, end - 11 * 60_000);
    for (const [kind, id] of await scopes()) {
      for (const resolution of resolutions)
        fromPoints.set(
          `${kind}:${id}:${resolution}`,
          await readSeries(db.pool, resolution, kind, id, from - 86_400_000, end),
        );
      fromPoints.set(`${kind}:${id}:total`, await readScopeTotals(db.pool, kind, [id], tiles));
    }
    // Without minute strips, minutes are read from the minute rows' points: the same series.
    await db.pool.query('UPDATE rollups_1h SET minute_points = NULL');
    for (const [kind, id] of await scopes()) {
      const fromMinuteRows = await readSeries(db.pool, '1m', kind, id, from - 86_400_000, end);
      expect(fromMinuteRows.length).toBeGreaterThan(100);
      expect(fromMinuteRows).toEqual(fromPoints.get(`${kind}:${id}:1m`));
    }
    // Rows without a point (written before points existed) are read from their columns instead.
    for (const table of ['rollups_1m', 'rollups_1h', 'rollups_1d'])
      await db.pool.query(`UPDATE ${table} SET point = NULL`);
    for (const [kind, id] of await scopes()) {
      for (const resolution of resolutions) {
        const fromColumns = await readSeries(db.pool, resolution, kind, id, from - 86_400_000, end);
        expect(fromColumns.length).toBeGreaterThan(0);
        expect(digits12(fromPoints.get(`${kind}:${id}:${resolution}`))).toEqual(
          digits12(fromColumns),
        );
      }
      const total = await readScopeTotals(db.pool, kind, [id], tiles);
      expect(total.get(id)?.requests).toBeGreaterThan(0);
      expect(digits12(fromPoints.get(`${kind}:${id}:total`))).toEqual(digits12(total));
    }
    const [minutes] = await db.pool.query(
      'SELECT COUNT(*) AS n FROM rollups_1m WHERE scope_kind = 1',
    );
    expect(Number((minutes as { n: number }[])[0]!.n)).toBeGreaterThan(300);
  });
});
