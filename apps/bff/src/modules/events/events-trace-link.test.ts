import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventsPageSchema } from '@watchfloor/shared/events';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

let db: TestDatabase;
let linked: TestApp;
let unlinked: TestApp;
let now: number;

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

beforeAll(async () => {
  db = await createTestDatabase();
  linked = await createTestApp(db, {
    traceUrl: 'https://jaeger.example/trace/{traceId}?uiFind={traceId}',
  });
  unlinked = await createTestApp(db);
  now = await databaseNow(db.pool);
  const event = { segment: 'web', entity: 'web-1', kind: 'request', status: 'ok', latencyMs: 4 };
  const response = await linked.ingest([
    { ...event, id: 'traced', ts: now - 60_000, traceId: TRACE },
    { ...event, id: 'untraced', ts: now - 61_000 },
  ]);
  expect(response.status).toBe(200);
});
afterAll(async () => db?.drop());

async function events(app: TestApp) {
  const response = await app.get(
    `/api/v1/events?entityId=web-1&from=${now - 600_000}&to=${now + 60_000}`,
  );
  expect(response.status).toBe(200);
  const page = EventsPageSchema.parse(((await response.json()) as { data: unknown }).data);
  return new Map(page.events.map((e) => [e.id, { traceId: e.traceId, traceUrl: e.traceUrl }]));
}

describe('trace ids on raw events', () => {
  it('returns the stored trace id and a link built from WATCHFLOOR_TRACE_URL', async () => {
    const byId = await events(linked);
    expect(byId.get('traced')).toEqual({
      traceId: TRACE,
      traceUrl: `https://jaeger.example/trace/${TRACE}?uiFind=${TRACE}`,
    });
    expect(byId.get('untraced')).toEqual({ traceId: null, traceUrl: null });
  });

  it('returns the trace id without a link when no trace viewer is configured', async () => {
    expect((await events(unlinked)).get('traced')).toEqual({ traceId: TRACE, traceUrl: null });
  });
});
