import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../../testing/sample-events.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
type Page = {
  data: {
    events: { id: string; ts: number; status: string; errorClass: string | null; entity: string }[];
    nextCursor?: string;
  };
  quality: { state: string };
};
const from = minutesAgo(120);
const to = minutesAgo(0) + 60_000;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  // Many events share a timestamp so the id tie-breaker is exercised.
  const events = sampleEvents({ fromMs: from, toMs: minutesAgo(60), everyMs: 10_000 }).map((e) => ({
    ...e,
    ts: (e.ts as number) - ((e.ts as number) % 20_000),
  }));
  for (let i = 0; i < events.length; i += 1_000) await t.ingest(events.slice(i, i + 1_000));
});
afterAll(async () => db?.drop());

async function page(query: string, role: 'operator' | 'manager' = 'operator'): Promise<Page> {
  const response = await t.get(`/api/v1/events?${query}`, role);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

describe('GET /api/v1/events', () => {
  it('walks every event of an entity exactly once, newest first, while new events keep arriving', async () => {
    const seen: { id: string; ts: number }[] = [];
    let cursor: string | undefined;
    let round = 0;
    do {
      const body = await page(
        `entityId=ent-1&from=${from}&to=${to}&limit=37${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...body.data.events);
      cursor = body.data.nextCursor;
      // Newer events arrive during the walk; they are after the window's first page and must not disturb it.
      await t.ingest([
        {
          id: `during-${round++}`,
          ts: minutesAgo(30) + round,
          segment: 'seg-odd',
          entity: 'ent-1',
          kind: 'request',
          status: 'ok',
          latencyMs: 5,
        },
      ]);
    } while (cursor);
    const [rows] = await db.pool.query(
      "SELECT event_id, ts FROM events WHERE entity_id = (SELECT id FROM entities WHERE slug = 'ent-1') AND ts >= ? AND ts < ? AND event_id NOT LIKE 'during-%'",
      [from, to],
    );
    const expected = rows as { event_id: string }[];
    const walked = seen.filter((e) => !e.id.startsWith('during-'));
    expect(new Set(walked.map((e) => e.id)).size).toBe(walked.length);
    expect(walked.map((e) => e.id).sort()).toEqual(expected.map((r) => r.event_id).sort());
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.ts).toBeLessThanOrEqual(seen[i - 1]!.ts);
  });

  it('filters by status and error class, and scopes to a segment', async () => {
    const errors = await page(`segmentId=seg-even&from=${from}&to=${to}&status=error&limit=500`);
    expect(errors.data.events.length).toBeGreaterThan(0);
    expect(
      errors.data.events.every(
        (e) =>
          e.status === 'error' &&
          e.errorClass === 'Timeout' &&
          ['ent-0', 'ent-2'].includes(e.entity),
      ),
    ).toBe(true);
    const none = await page(`segmentId=seg-even&from=${from}&to=${to}&errorClass=NoSuchError`);
    expect(none.data.events).toEqual([]);
    expect(none.data.nextCursor).toBeUndefined();
  });

  it('refuses a tampered cursor, or one reused with other filters, with 422 naming cursor', async () => {
    const first = await page(`entityId=ent-0&from=${from}&to=${to}&limit=5`);
    const cursor = first.data.nextCursor!;
    const tampered = cursor.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'));
    for (const query of [
      `entityId=ent-0&from=${from}&to=${to}&limit=5&cursor=${tampered}`,
      `entityId=ent-0&from=${from}&to=${to}&status=error&cursor=${cursor}`,
    ]) {
      const response = await t.get(`/api/v1/events?${query}`);
      expect(response.status).toBe(422);
      expect(JSON.stringify(await response.json())).toContain('cursor');
    }
  });

  it('answers 404 for an unknown entity, 422 for bad parameters, 403 for managers', async () => {
    expect((await t.get(`/api/v1/events?entityId=nobody`)).status).toBe(404);
    const bad = await t.get(`/api/v1/events?entityId=ent-0&limit=501`);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('limit');
    expect((await t.get(`/api/v1/events`)).status).toBe(422);
    expect((await t.get(`/api/v1/events?entityId=ent-0`, 'manager')).status).toBe(403);
  });
});
