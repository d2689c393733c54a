import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { minutesAgo } from '../../testing/sample-events.ts';
import { kindCode } from '../ingest/event-codes.ts';
import { planEventsQuery } from './events-plan.ts';
import { listEvents, type EventsFilter } from './events.repository.ts';

let db: TestDatabase;
let t: TestApp;
const from = minutesAgo(180);
const to = minutesAgo(0) + 60_000;
const HAYSTACK = 3_000;

/**
 * A haystack of ordinary traffic (two entities of one segment, three events per timestamp so the
 * (ts, id) tie-breaker runs across branches) with a few needles at the oldest end of the window:
 * a scan newest-first must cross the whole haystack to reach them.
 */
function fixture(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  for (let i = 0; i < HAYSTACK; i++) {
    const error = i % 50 === 7;
    events.push({
      id: `hay-${i}`,
      ts: from + 600_000 + Math.floor(i / 3) * 6_000,
      segment: 'fx-s1',
      entity: i % 3 === 2 ? 'fx-b' : 'fx-a',
      kind: i % 10 === 3 ? 'heartbeat' : i % 25 === 1 ? 'job' : 'request',
      status: error ? 'error' : 'ok',
      errorClass: error ? (i % 100 === 7 ? 'Timeout' : 'Upstream') : undefined,
      latencyMs: 5,
    });
  }
  const needles: [string, IngestEventInput['kind'], 'ok' | 'error', string | undefined][] = [
    ['fx-a', 'alert', 'error', 'Rare'],
    ['fx-a', 'alert', 'error', 'Rare'],
    ['fx-a', 'gauge', 'ok', undefined],
    ['fx-a', 'log', 'error', undefined],
    ['fx-b', 'alert', 'ok', 'Rare'],
  ];
  needles.forEach(([entity, kind, status, errorClass], n) =>
    events.push({
      id: `needle-${n}`,
      ts: from + 60_000 + Math.floor(n / 2) * 1_000,
      segment: 'fx-s1',
      entity,
      kind,
      status,
      errorClass,
    }),
  );
  // Another segment, which no fx-s1 page may show.
  for (let i = 0; i < 60; i++)
    events.push({
      id: `other-${i}`,
      ts: from + 120_000 + i * 1_000,
      segment: 'fx-s2',
      entity: 'fx-c',
      kind: 'alert',
      status: 'error',
      errorClass: 'Rare',
    });
  return events;
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const events = fixture();
  for (let i = 0; i < events.length; i += 1_000) await t.ingest(events.slice(i, i + 1_000));
});
afterAll(async () => db?.drop());

const SCOPES = [
  ['entityId', 'fx-a'],
  ['segmentId', 'fx-s1'],
] as const;
const STATUSES = [undefined, 'ok', 'error'] as const;
const KINDS = [undefined, 'request', 'alert', 'gauge'] as const;
const CLASSES = [undefined, 'Upstream', 'Rare', 'Nope'] as const;

function combinations() {
  return SCOPES.flatMap((scope) =>
    STATUSES.flatMap((status) =>
      KINDS.flatMap((kind) => CLASSES.map((errorClass) => ({ scope, status, kind, errorClass }))),
    ),
  );
}
type Combination = ReturnType<typeof combinations>[number];

const describeCombination = (c: Combination) =>
  `${c.scope.join('=')} status=${c.status} kind=${c.kind} errorClass=${c.errorClass}`;

/** The ids every combination must return, from a plain scan of the table. */
async function expectedIds(c: Combination): Promise<string[]> {
  const where = [
    c.scope[0] === 'entityId'
      ? 'ev.entity_id = (SELECT id FROM entities WHERE slug = ?)'
      : 'ev.segment_id = (SELECT id FROM segments WHERE slug = ?)',
    'ev.ts >= ?',
    'ev.ts < ?',
  ];
  const params: (string | number)[] = [c.scope[1], from, to];
  if (c.status) where.push(`ev.status = ${c.status === 'error' ? 1 : 0}`);
  if (c.kind) where.push(`ev.kind = ${kindCode(c.kind)}`);
  if (c.errorClass) {
    where.push('ev.error_class = ?');
    params.push(c.errorClass);
  }
  const [rows] = await db.pool.query(
    `SELECT event_id FROM events ev WHERE ${where.join(' AND ')} ORDER BY ev.ts DESC, ev.id DESC`,
    params,
  );
  return (rows as { event_id: string }[]).map((r) => r.event_id);
}

/** Reads handled by the storage engine on this connection: index dives and index/row steps. */
async function handlerReads(conn: Awaited<ReturnType<TestDatabase['pool']['getConnection']>>) {
  const [rows] = await conn.query("SHOW SESSION STATUS LIKE 'Handler_read%'");
  const counts = Object.fromEntries(
    (rows as { Variable_name: string; Value: string }[]).map((r) => [
      r.Variable_name,
      Number(r.Value),
    ]),
  );
  // Handler_read_rnd* are the union's and the sort's temporary tables: at most the page's keys.
  return [
    'Handler_read_key',
    'Handler_read_first',
    'Handler_read_last',
    'Handler_read_next',
    'Handler_read_prev',
  ].reduce((sum, name) => sum + (counts[name] ?? 0), 0);
}

describe('raw-events filters', () => {
  it('walks every filter combination of an entity and a segment exactly, newest first', async () => {
    for (const c of combinations()) {
      const walked: string[] = [];
      let cursor: string | undefined;
      do {
        const query = new URLSearchParams({
          [c.scope[0]]: c.scope[1],
          from: String(from),
          to: String(to),
          limit: '250',
          ...(c.status && { status: c.status }),
          ...(c.kind && { kind: c.kind }),
          ...(c.errorClass && { errorClass: c.errorClass }),
          ...(cursor && { cursor }),
        });
        const response = await t.get(`/api/v1/events?${query.toString()}`);
        expect(response.status, describeCombination(c)).toBe(200);
        const body = (await response.json()) as {
          data: { events: { id: string }[]; nextCursor?: string };
        };
        walked.push(...body.data.events.map((e) => e.id));
        cursor = body.data.nextCursor;
      } while (cursor);
      expect(walked, describeCombination(c)).toEqual(await expectedIds(c));
    }
  });

  it('examines at most branches × (limit + 1) index entries for every combination, needles included', async () => {
    const [scopes] = await db.pool.query(
      "SELECT (SELECT id FROM entities WHERE slug = 'fx-a') AS entity, (SELECT id FROM segments WHERE slug = 'fx-s1') AS segment",
    );
    const ids = (scopes as { entity: number; segment: number }[])[0]!;
    const limit = 21;
    const conn = await db.pool.getConnection();
    try {
      for (const c of combinations()) {
        const filter: EventsFilter = {
          scope:
            c.scope[0] === 'entityId'
              ? { column: 'entity_id', id: ids.entity }
              : { column: 'segment_id', id: ids.segment },
          from,
          to,
          status: c.status,
          kind: c.kind,
          errorClass: c.errorClass,
          limit,
        };
        const branches = planEventsQuery(filter.scope.column, filter).branches.length;
        const before = await handlerReads(conn);
        const { rows } = await listEvents(conn, filter);
        const read = (await handlerReads(conn)) - before;
        // Each branch: one dive and up to `limit` steps; then the page's rows and their two slugs by key.
        const bound = branches * (limit + 1) + 3 * rows.length + 2;
        expect(read, `${describeCombination(c)}: ${rows.length} rows`).toBeLessThanOrEqual(bound);
        // The needles sit behind the whole haystack: a scan would read thousands of entries.
        expect(read).toBeLessThan(HAYSTACK / 4);
      }
    } finally {
      conn.release();
    }
  });

  it('refuses a filter without a scope (a fleet-wide scan) with 422 naming the filter', async () => {
    for (const filter of ['errorClass=Rare', 'status=error', 'kind=alert']) {
      const response = await t.get(`/api/v1/events?${filter}&from=${from}&to=${to}`);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { details: { field: string }[] } };
      expect(body.error.details.map((d) => d.field)).toContain(filter.split('=')[0]);
    }
  });

  it('answers a non-ASCII error class with an empty page, not a 500', async () => {
    const response = await t.get(
      `/api/v1/events?entityId=fx-a&errorClass=${encodeURIComponent('é✓')}&from=${from}&to=${to}`,
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { events: unknown[] } }).data.events).toEqual([]);
  });
});
