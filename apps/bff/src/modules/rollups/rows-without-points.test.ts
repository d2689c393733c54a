import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { migrate } from '../../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { compareRollupsWithRaw, drain } from '../../testing/rollup-truth.ts';
import { variedTraffic } from './testing/varied-traffic.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MIGRATION = '0014_roll_up_rows_without_points_again.sql';

let db: TestDatabase;
/** Data covers [from, to): five hours ending two hours before the database's now, so every bucket is final. */
let from: number;
let to: number;

/** The read API's answers over windows that read strips, points, edge minutes and hour tiles. */
async function readViews(t: Awaited<ReturnType<typeof createTestApp>>) {
  const windows = [
    [from + 7 * MINUTE + 5_000, to - 11 * MINUTE],
    [from + 20 * MINUTE, from + 55 * MINUTE],
    [from - 10 * HOUR, to + HOUR],
  ];
  const answers: Record<string, unknown> = {};
  for (const [fromTs, toTs] of windows) {
    const window = `from=${fromTs}&to=${toTs}`;
    for (const path of [
      `/api/v1/overview?${window}`,
      `/api/v1/segments/old-a?${window}`,
      `/api/v1/entities/old-0?${window}`,
      `/api/v1/series?scope=fleet&${window}`,
      `/api/v1/series?scope=segment&id=old-b&${window}`,
      `/api/v1/series?scope=entity&id=old-0&${window}`,
      // Trends windows span an hour at least.
      ...(toTs! - fromTs! >= HOUR ? [`/api/v1/trends?period=custom&${window}`] : []),
    ]) {
      const response = await t.get(path, 'admin');
      expect(response.status).toBe(200);
      answers[path] = ((await response.json()) as { data: unknown }).data;
    }
  }
  return answers;
}

/** Rows in the shape written before migrations 0011 (no point) and 0012 (hours without a strip). */
async function oldShapedRows(): Promise<number> {
  const [rows] = await db.pool.query(
    `SELECT (SELECT COUNT(*) FROM rollups_1m WHERE point IS NULL)
          + (SELECT COUNT(*) FROM rollups_1h WHERE point IS NULL OR minute_points IS NULL)
          + (SELECT COUNT(*) FROM rollups_1d WHERE point IS NULL) AS n`,
  );
  return Number((rows as { n: number }[])[0]!.n);
}

beforeAll(async () => {
  db = await createTestDatabase();
  const now = await databaseNow(db.pool);
  to = Math.floor(now / HOUR) * HOUR - 2 * HOUR + 17 * MINUTE;
  from = to - 5 * HOUR;
  const t = await createTestApp(db);
  const events = variedTraffic({
    fromMs: from,
    toMs: to,
    everyMs: 11_000,
    entities: [0, 1, 2, 3].map((e) => ({ segment: e < 2 ? 'old-a' : 'old-b', entity: `old-${e}` })),
    errorEvery: 9,
    gaugeEvery: 5,
  });
  for (let i = 0; i < events.length; i += 1_000)
    expect((await t.ingest(events.slice(i, i + 1_000))).status).toBe(200);
  await drain(t.newWorker());
});
afterAll(async () => db?.drop());

describe('migration 0014: rollup rows written before points and minute strips', () => {
  it('hands them back to the worker, which writes them again so every view answers as before', async () => {
    const before = await readViews(await createTestApp(db));

    // History from before 0011 at every resolution and scope, a backfill that stopped after the
    // entity rows of later minutes, and hour rows from before 0012.
    const cut = from + 2 * HOUR + 13 * MINUTE;
    for (const table of ['rollups_1m', 'rollups_1h', 'rollups_1d'])
      await db.pool.query(`UPDATE ${table} SET point = NULL WHERE bucket_ts < ?`, [cut]);
    await db.pool.query(
      'UPDATE rollups_1m SET point = NULL WHERE scope_kind IN (2, 3) AND bucket_ts >= ? AND bucket_ts < ?',
      [cut, cut + 40 * MINUTE],
    );
    await db.pool.query('UPDATE rollups_1h SET minute_points = NULL WHERE bucket_ts >= ?', [cut]);
    expect(await oldShapedRows()).toBeGreaterThan(100);

    await db.pool.query('DELETE FROM schema_migrations WHERE version = 14');
    expect(await migrate(db.pool)).toEqual([MIGRATION]);
    expect(await oldShapedRows()).toBe(0);
    // Until the worker has run, the views still answer: the rows read as events being rolled up.
    const catchingUp = await (
      await createTestApp(db)
    ).get(`/api/v1/segments/old-a?from=${from}&to=${to}`);
    expect(catchingUp.status).toBe(200);
    const { quality } = (await catchingUp.json()) as { quality: { state: string } };
    expect(quality.state).not.toBe('ok');

    await drain((await createTestApp(db)).newWorker());
    expect(await compareRollupsWithRaw(db.pool)).toEqual([]);
    const [points] = await db.pool.query(
      'SELECT COUNT(*) AS n, COUNT(point) AS points, COUNT(minute_points) AS strips FROM rollups_1h',
    );
    const { n, points: withPoint, strips } = (points as Record<string, number>[])[0]!;
    expect([Number(withPoint), Number(strips)]).toEqual([Number(n), Number(n)]);
    expect(await readViews(await createTestApp(db))).toEqual(before);
  });

  it('leaves rows that have their point and strip alone, so running it again changes nothing', async () => {
    const [before] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, point, minute_points FROM rollups_1h ORDER BY scope_kind, scope_id, bucket_ts',
    );
    await db.pool.query('DELETE FROM schema_migrations WHERE version = 14');
    expect(await migrate(db.pool)).toEqual([MIGRATION]);
    const [pending] = await db.pool.query('SELECT COUNT(*) AS n FROM rollup_dirty');
    expect(Number((pending as { n: number }[])[0]!.n)).toBe(0);
    const [after] = await db.pool.query(
      'SELECT scope_kind, scope_id, bucket_ts, point, minute_points FROM rollups_1h ORDER BY scope_kind, scope_id, bucket_ts',
    );
    expect(after).toEqual(before);
  });
});
