import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesResultSchema, type ChangesResult } from '@watchfloor/shared/telemetry/changes';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_TOKEN, type TestApp } from '../../testing/test-app.ts';

let db: TestDatabase;
let t: TestApp;
const now = Date.now();

const deploy = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'deploy',
  title: `Deploy ${id}`,
  url: `https://ci.example.com/pipelines/${id}`,
  start: now - 10 * 60_000,
  segment: 'payments',
  entity: 'payments-api-1',
  attributes: { version: '1.4.2', canary: true },
  ...extra,
});

function send(body: string, headers: Record<string, string> = {}) {
  return t.app.request('/api/v1/ingest/changes', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TEST_TOKEN}`,
      ...headers,
    },
    body,
  });
}

async function sendChanges(changes: unknown[]): Promise<ChangesResult> {
  const response = await send(JSON.stringify({ changes }));
  expect(response.status).toBe(200);
  return ChangesResultSchema.parse(((await response.json()) as { data: unknown }).data);
}

async function storedIds(): Promise<string[]> {
  const [rows] = await db.pool.query('SELECT change_id FROM changes ORDER BY change_id');
  return (rows as { change_id: string }[]).map((r) => r.change_id);
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

describe('POST /api/v1/ingest/changes', () => {
  it('stores each valid change with its scope, link and attributes, and judges each item alone', async () => {
    const result = await sendChanges([
      deploy('d1', { end: now - 9 * 60_000 }),
      { ...deploy('bad-type'), type: 'earthquake' },
      deploy('d2', { start: new Date(now - 5 * 60_000).toISOString(), entity: null, url: null }),
      { ...deploy('d1'), title: 'the same id again in the batch' },
      { id: 'fleet-wide', type: 'infra', title: 'Kernel upgrade', start: now - 60_000 },
    ]);
    expect(result).toEqual({
      accepted: 3,
      duplicates: 1,
      rejected: [expect.objectContaining({ index: 1, id: 'bad-type', code: 'invalid_field' })],
    });
    expect(result.rejected[0]!.field).toBe('type');
    const [rows] = await db.pool.query(
      `SELECT change_id, type, title, url, start_ts, end_ts, segment_slug, entity_slug, attributes,
              ingested_at
         FROM changes ORDER BY change_id`,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        change_id: 'd1',
        type: 'deploy',
        title: 'Deploy d1',
        url: 'https://ci.example.com/pipelines/d1',
        start_ts: now - 10 * 60_000,
        end_ts: now - 9 * 60_000,
        segment_slug: 'payments',
        entity_slug: 'payments-api-1',
      }),
      expect.objectContaining({
        change_id: 'd2',
        url: null,
        start_ts: now - 5 * 60_000,
        end_ts: null,
        entity_slug: null,
      }),
      expect.objectContaining({
        change_id: 'fleet-wide',
        type: 'infra',
        segment_slug: null,
        entity_slug: null,
        attributes: null,
      }),
    ]);
    const first = (rows as { attributes: string; ingested_at: number }[])[0]!;
    expect(JSON.parse(first.attributes)).toEqual({ version: '1.4.2', canary: true });
    expect(Number(first.ingested_at)).toBeGreaterThanOrEqual(now);
  });

  it('counts a re-sent batch as duplicates and stores nothing twice; a re-send that says something else does not overwrite the first', async () => {
    const batch = [deploy('r1'), deploy('r2', { type: 'config' })];
    expect(await sendChanges(batch)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const before = await storedIds();
    expect(await sendChanges(batch)).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await sendChanges([deploy('r1', { title: 'Rewritten', start: now - 60_000 })])).toEqual({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    });
    expect(await storedIds()).toEqual(before);
    const [rows] = await db.pool.query(
      "SELECT title, start_ts FROM changes WHERE change_id = 'r1'",
    );
    expect(rows).toEqual([{ title: 'Deploy r1', start_ts: now - 10 * 60_000 }]);
  });

  it.each([
    ['an unknown type', { type: 'earthquake' }, 'invalid_field', 'type'],
    ['an end before its start', { end: now - 11 * 60_000 }, 'invalid_field', 'end'],
    ['an entity without a segment', { segment: undefined }, 'invalid_field', 'segment'],
    ['a start more than 5 min ahead', { start: now + 10 * 60_000 }, 'ts_in_future', 'start'],
    ['a start older than retention', { start: now - 500 * 86_400_000 }, 'ts_too_old', 'start'],
    ['a link that is not http(s)', { url: 'javascript:alert(1)' }, 'invalid_field', 'url'],
    ['a link that is no URL', { url: 'not a url' }, 'invalid_field', 'url'],
    ['an empty title', { title: '  ' }, 'invalid_field', 'title'],
    ['a segment that is no slug', { segment: 'Payments API' }, 'invalid_field', 'segment'],
    ['a field the contract lacks', { author: 'ci' }, 'invalid_field', '(item)'],
  ])('rejects %s and stores nothing for it', async (what, change, code, field) => {
    const id = `bad-${what.replace(/\W+/g, '-')}`.slice(0, 64);
    const result = await sendChanges([deploy(id, change), deploy(`ok-${id}`)]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { index: 0, id, code, field, message: expect.stringContaining(field) as string },
    ]);
    expect(await storedIds()).not.toContain(id);
    expect(await storedIds()).toContain(`ok-${id}`);
  });

  it.each([
    ['no changes array', '{"events": []}', 'changes'],
    ['an empty batch', '{"changes": []}', 'changes'],
    ['more than 1,000 changes', JSON.stringify({ changes: Array(1_001).fill({}) }), 'changes'],
    ['malformed JSON', '{"changes": [', '(body)'],
  ])(
    'answers a malformed envelope (%s) with a 422 naming the field, writing nothing',
    async (_, body, field) => {
      const before = await storedIds();
      const response = await send(body);
      expect(response.status).toBe(422);
      const error = ((await response.json()) as { error: { details: { field: string }[] } }).error;
      expect(error.details.map((d) => d.field)).toContain(field);
      expect(await storedIds()).toEqual(before);
    },
  );

  it('refuses a request without an ingest token (401) or with a session cookie only, writing nothing', async () => {
    const before = await storedIds();
    const body = JSON.stringify({ changes: [deploy('no-token')] });
    expect((await send(body, { authorization: '' })).status).toBe(401);
    expect((await send(body, { authorization: 'Bearer wf_ingest_wrong' })).status).toBe(401);
    const cookie = await t.cookieFor('admin');
    const withCookie = await t.app.request('/api/v1/ingest/changes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
    expect(withCookie.status).toBe(401);
    expect(await storedIds()).toEqual(before);
  });

  it('answers a body over 1 MiB with a 413 envelope, writing nothing', async () => {
    const before = await storedIds();
    const title = 'x'.repeat(250);
    const changes = Array.from({ length: 1_000 }, (_, i) =>
      deploy(`big-${i}`, { title, url: `https://ci.example.com/${'p'.repeat(1_500)}` }),
    );
    const response = await send(JSON.stringify({ changes }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    expect(await storedIds()).toEqual(before);
  });
});
