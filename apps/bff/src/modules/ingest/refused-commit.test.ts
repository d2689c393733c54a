import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { configureRetries } from '../../db/retry-transaction.ts';
import { capturedLogger } from '../../testing/captured-logger.ts';
import { refuseCommits, type Refusals } from '../../testing/refuse-commits.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

/** Ingest under what Galera does to a losing or cut-off node, emulated on one server. */
let db: TestDatabase;
let t: TestApp;
let now: number;
let refusals: Refusals | undefined;
const log = capturedLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  now = await databaseNow(db.pool);
  // A non-primary node is tried three times with millisecond backoff: the bound, not the clock, ends it.
  configureRetries(db.pool, {
    logger: log.logger,
    conflictDelayMs: 1,
    unavailableDelayMs: 1,
    maxDelayMs: 5,
    unavailableAttempts: 3,
  });
  // Registers the entities first, so the refused transaction below is the batch's own.
  expect(
    (
      await t.ingest(
        sampleEvents({ fromMs: minutesAgo(60, now), toMs: minutesAgo(59, now), prefix: 'warm' }),
      )
    ).status,
  ).toBe(200);
});
afterEach(() => {
  refusals?.restore();
  refusals = undefined;
  log.lines.length = 0;
});
afterAll(async () => db?.drop());

async function storedIds(prefix: string): Promise<string[]> {
  const [rows] = await db.pool.query(
    'SELECT event_id AS id FROM events WHERE event_id LIKE ? ORDER BY event_id',
    [`${prefix}%`],
  );
  return (rows as { id: string }[]).map((row) => row.id);
}

describe('an ingest batch whose COMMIT is refused once (1213)', () => {
  it('answers 200 with every event accepted, each stored once', async () => {
    const events = sampleEvents({
      fromMs: minutesAgo(30, now),
      toMs: minutesAgo(25, now),
      prefix: 'refused',
    });
    refusals = refuseCommits(db.pool, { errno: 1213, when: /INSERT IGNORE INTO events/ });
    const response = await t.ingest(events);
    expect(response.status).toBe(200);
    expect(refusals.refused).toBe(1);
    const body = (await response.json()) as { data: { accepted: number; duplicates: number } };
    expect(body.data).toMatchObject({ accepted: events.length, duplicates: 0 });
    expect(await storedIds('refused')).toEqual(events.map((e) => e.id).sort());
    expect(log.lines).toEqual([expect.objectContaining({ errno: 1213, attempt: 1 })]);
  });
});

describe('a node outside the primary component (1047 on every attempt)', () => {
  it('answers 503 with Retry-After after its bounded retries, and writes nothing', async () => {
    const events = sampleEvents({
      fromMs: minutesAgo(20, now),
      toMs: minutesAgo(18, now),
      prefix: 'cutoff',
    });
    refusals = refuseCommits(db.pool, {
      errno: 1047,
      when: /INSERT IGNORE INTO events/,
      times: Infinity,
    });
    const response = await t.ingest(events);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(refusals.refused).toBe(3);
    expect(log.lines.map((line) => [line.errno, line.attempt])).toEqual([
      [1047, 1],
      [1047, 2],
    ]);
    expect(await storedIds('cutoff')).toEqual([]);
    const [dirty] = await db.pool.query(
      'SELECT COUNT(*) AS n FROM rollup_dirty WHERE minute_ts >= ?',
      [minutesAgo(21, now)],
    );
    expect(Number((dirty as { n: number }[])[0]!.n)).toBe(0);
  });
});
