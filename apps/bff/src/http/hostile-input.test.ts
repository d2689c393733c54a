import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestApp, TEST_TOKEN } from '../testing/test-app.ts';
import { minutesAgo, sampleEvents } from '../testing/sample-events.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: string;

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    '%00',
    '../../etc/passwd',
    '[]',
    '{}',
    'null',
    '9'.repeat(40),
    '-1',
    '1e309',
    'ent-0',
    'seg-even',
    'fleet',
    'error',
    '2026-13-45T99:99:99Z',
  ),
);
const QUERY_ROUTES: Record<string, string[]> = {
  '/api/v1/overview': ['from', 'to'],
  '/api/v1/quality': ['from', 'to', 'segment', 'entity'],
  '/api/v1/series': ['scope', 'id', 'metrics', 'from', 'to'],
  '/api/v1/events': [
    'entityId',
    'segmentId',
    'status',
    'errorClass',
    'kind',
    'cursor',
    'limit',
    'from',
    'to',
  ],
  '/api/v1/segments/seg-even': ['from', 'to'],
  '/api/v1/entities/ent-0': ['from', 'to'],
};

async function counts(): Promise<string> {
  const [rows] = await db.pool.query(
    'SELECT (SELECT COUNT(*) FROM events) AS e, (SELECT COUNT(*) FROM rollup_dirty) AS d, (SELECT COUNT(*) FROM entities) AS n, (SELECT COUNT(*) FROM sessions) AS s',
  );
  return JSON.stringify(rows);
}

async function expectCleanAnswer(response: Response): Promise<{ data?: unknown }> {
  expect(response.status, `status ${response.status}`).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(500);
  const body = (await response.json()) as {
    data?: unknown;
    error?: { code: string; requestId: string };
  };
  if (response.status >= 400) expect(body.error?.requestId).toBeTruthy();
  else expect(body.data).toBeDefined();
  return body;
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  await t.ingest(sampleEvents({ fromMs: minutesAgo(30), toMs: minutesAgo(5) }));
  await t.newWorker().tick();
  cookie = await t.cookieFor('admin');
});
afterAll(async () => db?.drop());

describe('hostile input', () => {
  it('answers arbitrary query parameters on every read route with 2xx/4xx and the envelope, writing nothing', async () => {
    const before = await counts();
    for (const [path, names] of Object.entries(QUERY_ROUTES)) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...names, 'extra'),
            fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })),
          ),
          async (params) => {
            const search = new URLSearchParams();
            for (const [key, value] of Object.entries(params))
              for (const v of [value].flat()) search.append(key, v);
            await expectCleanAnswer(
              await t.app.request(`${path}?${search}`, { headers: { cookie } }),
            );
          },
        ),
        { numRuns: 40 },
      );
    }
    expect(await counts()).toBe(before);
  });

  it('answers arbitrary path ids with 404 or 2xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom('segments', 'entities'), async (id, level) => {
        const response = await t.app.request(`/api/v1/${level}/${encodeURIComponent(id)}`, {
          headers: { cookie },
        });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
  });

  it('answers arbitrary JSON bodies to sign-in and ingest with 4xx or per-item rejections, writing nothing', async () => {
    const before = await counts();
    const json = fc.oneof(
      fc.jsonValue(),
      fc.record({
        events: fc.array(
          fc.dictionary(
            fc.constantFrom(
              'id',
              'ts',
              'segment',
              'entity',
              'kind',
              'status',
              'attrs',
              'latencyMs',
            ),
            fc.jsonValue(),
          ),
          { maxLength: 5 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(json, async (body) => {
        const login = await t.app.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect([401, 422, 429]).toContain(login.status);
        const ingest = await t.app.request('/api/v1/ingest/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
          body: JSON.stringify(body),
        });
        const answer = (await expectCleanAnswer(ingest)) as { data?: { accepted: number } };
        if (ingest.status === 200) expect(answer.data?.accepted).toBe(0);
      }),
      { numRuns: 150 },
    );
    expect(await counts()).toBe(before);
  });

  it('answers random bytes with 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        for (const path of ['/api/v1/ingest/events', '/api/v1/auth/login']) {
          const response = await t.app.request(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
            body: bytes,
          });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});
