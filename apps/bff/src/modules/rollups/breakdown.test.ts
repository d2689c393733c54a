import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { databaseNow } from '../../db/db-clock.ts';
import type { DbRow } from '../../db/row-values.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { breakdownMinutes, breakdownTotals, type BreakdownRow } from './breakdown.repository.ts';
import {
  expectedBreakdown,
  kindClassTraffic,
  sortCells,
  type ExpectedCell,
} from './testing/kind-class-traffic.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
/** Events as the database holds them now: what every breakdown must add up to. */
let held: IngestEventInput[];
let from: number;
let to: number;
/** The first whole hour of the window: [firstHour, firstHour + 2h) lies inside it. */
let firstHour: number;
const ids = new Map<string, number>();
const slugs = new Map<string, string>();

const ENTITIES = [
  { segment: 'seg-why', entity: 'ent-a' },
  { segment: 'seg-why', entity: 'ent-b' },
  { segment: 'seg-other', entity: 'ent-c' },
];

async function ingestAndRollUp(events: IngestEventInput[]) {
  for (let i = 0; i < events.length; i += 1_000)
    expect((await t.ingest(events.slice(i, i + 1_000))).status).toBe(200);
  await drain(t.newWorker());
}

async function loadIds() {
  for (const [table, kind] of [
    ['entities', 'entity'],
    ['segments', 'segment'],
  ] as const) {
    const [rows] = await db.pool.query(`SELECT id, slug FROM ${table}`);
    for (const row of rows as DbRow[]) {
      ids.set(`${kind}:${String(row.slug)}`, Number(row.id));
      slugs.set(`${kind}:${Number(row.id)}`, String(row.slug));
    }
  }
}

const asCells = (rows: BreakdownRow[]): ExpectedCell[] =>
  sortCells(
    rows.map(
      ({ scopeKind, scopeId, kind, errorClass, events, errors, latencyCount, latencySum }) => ({
        scope: slugs.get(`${scopeKind}:${scopeId}`) ?? '?',
        kind,
        errorClass,
        events,
        errors,
        latencyCount,
        latencySum,
      }),
    ),
  );

const inWindow = (e: IngestEventInput, fromTs: number, toTs: number) =>
  (e.ts as number) >= fromTs && (e.ts as number) < toTs;

async function totals(
  scopeKind: 'entity' | 'segment',
  slugList: string[],
  fromTs = from,
  toTs = to,
) {
  const scopeIds = slugList.map((slug) => ids.get(`${scopeKind}:${slug}`)!);
  return asCells(await breakdownTotals(db.pool, scopeKind, scopeIds, fromTs, toTs));
}

beforeAll(async () => {
  db = await createTestDatabase();
  const now = await databaseNow(db.pool);
  firstHour = bucketStart(now - 4 * HOUR, '1h');
  from = firstHour - 15 * MINUTE;
  to = firstHour + 2 * HOUR + 15 * MINUTE;
  t = await createTestApp(db);
  held = kindClassTraffic({ fromMs: from, toMs: to, entities: ENTITIES });
  await ingestAndRollUp(held);
  await loadIds();
});
afterAll(async () => db?.drop());

describe('rollup breakdown by kind and error class', () => {
  it('totals per entity and per segment equal what was sent, per kind and class', async () => {
    expect(await totals('entity', ['ent-a', 'ent-b'])).toEqual(
      expectedBreakdown(held, (e) => (e.entity === 'ent-c' ? null : e.entity)),
    );
    const segment = await totals('segment', ['seg-why']);
    expect(segment).toEqual(
      expectedBreakdown(held, (e) => (e.segment === 'seg-why' ? e.segment : null)),
    );
    // Ok events carry no class here, even one sent with a class; unclassed errors share ''.
    expect(segment.map((c) => c.errorClass)).not.toContain('NotAnError');
    expect(
      segment.find((c) => c.kind === 'request' && c.errorClass === '')?.errors,
    ).toBeGreaterThan(0);
  });

  it('a window over whole hours reads hour rows, and they equal the sum of the minutes', async () => {
    const insideHour = firstHour + HOUR;
    const entityA = ids.get('entity:ent-a')!;
    const minutes = await breakdownMinutes(db.pool, 'entity', entityA, from, to);
    const minuteSum = new Map<string, number>();
    for (const m of minutes) {
      const key = `${m.kind}|${m.errorClass}`;
      minuteSum.set(key, (minuteSum.get(key) ?? 0) + m.events);
    }
    const total = await totals('entity', ['ent-a']);
    expect(new Map(total.map((c) => [`${c.kind}|${c.errorClass}`, c.events]))).toEqual(minuteSum);

    // Minute rows inside a whole hour no longer count once its hour row exists.
    await db.pool.query(
      'UPDATE rollup_breakdown_1m SET events = events + 1000 WHERE scope_kind = 1 AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ?',
      [entityA, insideHour, insideHour + HOUR],
    );
    try {
      expect(await totals('entity', ['ent-a'])).toEqual(total);
      const edge = await totals('entity', ['ent-a'], insideHour + MINUTE, insideHour + 2 * MINUTE);
      expect(edge.every((c) => c.events >= 1000)).toBe(true);
    } finally {
      await db.pool.query(
        'UPDATE rollup_breakdown_1m SET events = events - 1000 WHERE scope_kind = 1 AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ?',
        [entityA, insideHour, insideHour + HOUR],
      );
    }
  });

  it('adds up to the rollup rows of every bucket, at minute and hour, entity and segment', async () => {
    for (const [rollups, breakdown] of [
      ['rollups_1m', 'rollup_breakdown_1m'],
      ['rollups_1h', 'rollup_breakdown_1h'],
    ]) {
      const [rolled] = await db.pool.query(
        `SELECT scope_kind, scope_id, bucket_ts, events, errors FROM ${rollups} WHERE scope_kind IN (1, 2)`,
      );
      const [split] = await db.pool.query(
        `SELECT scope_kind, scope_id, bucket_ts, SUM(events) AS events,
                SUM(CASE WHEN kind IN (1, 2) THEN errors ELSE 0 END) AS errors
           FROM ${breakdown} GROUP BY scope_kind, scope_id, bucket_ts`,
      );
      const byBucket = (rows: unknown) =>
        new Map(
          (rows as DbRow[]).map((r) => [
            `${Number(r.scope_kind)}:${Number(r.scope_id)}:${Number(r.bucket_ts)}`,
            `${Number(r.events)}/${Number(r.errors)}`,
          ]),
        );
      expect(byBucket(split)).toEqual(byBucket(rolled));
      expect(byBucket(rolled).size).toBeGreaterThan(0);
    }
  });

  it('a recomputed minute whose classes changed keeps no stale class, at any level', async () => {
    const minute = firstHour + 30 * MINUTE;
    const gone = held.find(
      (e) =>
        e.entity === 'ent-a' &&
        e.errorClass !== undefined &&
        e.status === 'error' &&
        inWindow(e, minute, minute + MINUTE),
    )!;
    // A correction removes that raw event; a late event with another class lands in its minute.
    await db.pool.query('DELETE FROM events WHERE event_id = ?', [gone.id]);
    const late: IngestEventInput = {
      id: 'kc-late',
      ts: minute + 59_000,
      segment: 'seg-why',
      entity: 'ent-a',
      kind: 'request',
      status: 'error',
      errorClass: 'Throttled',
      latencyMs: 42,
    };
    held = [...held.filter((e) => e.id !== gone.id), late];
    await ingestAndRollUp([late]);

    const scopes = [
      ['entity', 'ent-a', (e: IngestEventInput) => (e.entity === 'ent-a' ? e.entity : null)],
      ['segment', 'seg-why', (e: IngestEventInput) => (e.segment === 'seg-why' ? e.segment : null)],
    ] as const;
    // The minute, the hour holding it (read from its hour row) and the whole window.
    const windows = [
      [minute, minute + MINUTE],
      [firstHour, firstHour + HOUR],
      [from, to],
    ] as const;
    for (const [scopeKind, slug, scopeOf] of scopes)
      for (const [fromTs, toTs] of windows)
        expect(await totals(scopeKind, [slug], fromTs, toTs)).toEqual(
          expectedBreakdown(
            held.filter((e) => inWindow(e, fromTs, toTs)),
            scopeOf,
          ),
        );
    const minuteClasses = (await totals('entity', ['ent-a'], minute, minute + MINUTE)).map(
      (c) => c.errorClass,
    );
    expect(minuteClasses).toContain('Throttled');
    expect(minuteClasses).not.toContain(gone.errorClass);
  });
});
