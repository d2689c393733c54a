import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;
const now = Date.now();
const good = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  ts: now - 60_000,
  segment: 'payments',
  entity: 'payments-api-1',
  kind: 'request',
  status: 'ok',
  latencyMs: 12.5,
  ...extra,
});

async function count(table: string): Promise<number> {
  const [rows] = await db.pool.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as { n: number }[])[0]!.n);
}

async function post(body: string, headers: Record<string, string> = {}) {
  return t.app.request('/api/v1/ingest/events', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TEST_TOKEN}`,
      ...headers,
    },
    body,
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, { maxEntities: 3 });
});
afterAll(async () => db?.drop());

describe('POST /api/v1/ingest/events', () => {
  it('stores valid events durably and reports accepted / duplicates / rejected per item', async () => {
    const response = await t.ingest([
      good('a1'),
      good('a2', {
        ts: new Date(now - 30_000).toISOString(),
        status: 'error',
        errorClass: 'Timeout',
      }),
      good('a1'),
      { ...good('bad'), kind: 'telepathy' },
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: {
        accepted: number;
        duplicates: number;
        rejected: { index: number; id: string; code: string; field: string; message: string }[];
      };
    };
    expect(body.data.accepted).toBe(2);
    expect(body.data.duplicates).toBe(1);
    expect(body.data.rejected).toEqual([
      expect.objectContaining({ index: 3, id: 'bad', code: 'invalid_field', field: 'kind' }),
    ]);
    expect(await count('events')).toBe(2);
  });

  it('counts an id sent again later as a duplicate and stores it once', async () => {
    const body = (await (await t.ingest([good('a1'), good('a3')])).json()) as {
      data: { accepted: number; duplicates: number };
    };
    expect(body.data).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await count('events')).toBe(3);
  });

  it.each([
    ['a timestamp far in the future', { ts: now + 10 * 60_000 }, 'ts_in_future', 'ts'],
    ['a timestamp older than retention', { ts: now - 500 * 86_400_000 }, 'ts_too_old', 'ts'],
    ['an unparseable timestamp', { ts: 'yesterday' }, 'invalid_field', 'ts'],
    ['a status outside ok/error', { status: 'meh' }, 'invalid_field', 'status'],
    ['a non-slug segment', { segment: 'Payments EU!' }, 'invalid_field', 'segment'],
    ['an id longer than 64 characters', { id: 'x'.repeat(65) }, 'invalid_field', 'id'],
    ['a message over 1024 characters', { message: 'm'.repeat(1025) }, 'invalid_field', 'message'],
    ['a negative latency', { latencyMs: -1 }, 'invalid_field', 'latencyMs'],
    ['a nested attribute value', { attrs: { deep: { a: 1 } } }, 'invalid_field', 'attrs.deep'],
    [
      'more than 32 attributes',
      { attrs: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])) },
      'invalid_field',
      'attrs',
    ],
    ['an unknown field', { colour: 'red' }, 'invalid_field', '(item)'],
  ])(
    'rejects %s with a reason naming the field, writing nothing',
    async (_label, patch, code, field) => {
      const before = await count('events');
      const body = (await (
        await t.ingest([{ ...good(`rej-${code}-${field}`), ...patch }])
      ).json()) as {
        data: { accepted: number; rejected: { code: string; field: string; message: string }[] };
      };
      expect(body.data.accepted).toBe(0);
      expect(body.data.rejected[0]).toMatchObject({ code, field });
      expect(body.data.rejected[0]!.message.length).toBeGreaterThan(3);
      expect(await count('events')).toBe(before);
    },
  );

  it.each([
    ['malformed JSON', '{"events": [', 422],
    ['a missing events array', JSON.stringify({ items: [] }), 422],
    ['an empty events array', JSON.stringify({ events: [] }), 422],
    [
      'more than 5,000 events',
      JSON.stringify({ events: Array.from({ length: 5_001 }, (_, i) => good(`big-${i}`)) }),
      422,
    ],
    ['a non-object body', JSON.stringify([1, 2, 3]), 422],
  ])('refuses %s as a whole with a 4xx and writes nothing', async (_label, body, status) => {
    const before = await count('events');
    const response = await post(body);
    expect(response.status).toBe(status);
    const error = (await response.json()) as {
      error: { code: string; message: string; requestId: string };
    };
    expect(error.error.code).toBe('validation_failed');
    expect(error.error.requestId).toBeTruthy();
    expect(await count('events')).toBe(before);
  });

  it('refuses other content types with 415', async () => {
    const response = await post(JSON.stringify({ events: [good('ct')] }), {
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(415);
  });

  it('refuses bodies over 5 MB with 413, whether or not they declare a length', async () => {
    const huge = JSON.stringify({
      events: [good('huge', { message: 'x'.repeat(1000) })],
      pad: 'y'.repeat(5 * 1024 * 1024),
    });
    expect((await post(huge)).status).toBe(413);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i++)
          controller.enqueue(new TextEncoder().encode('a'.repeat(1024 * 1024)));
        controller.close();
      },
    });
    const response = await t.app.request('/api/v1/ingest/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
      body: chunks,
      // A streamed body has no Content-Length: the limit must hold while reading.
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('requires a valid ingest token', async () => {
    expect(
      (
        await t.app.request('/api/v1/ingest/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect(
      (await t.ingest([good('tok')], 'wf_ingest_not-a-real-token-at-all-xxxxxxxx')).status,
    ).toBe(401);
  });

  it('registers new entities up to the cardinality cap, then rejects with cardinality_limit', async () => {
    const body = (await (
      await t.ingest([
        good('c1', { entity: 'payments-api-2' }),
        good('c2', { entity: 'payments-api-3' }),
        good('c3', { entity: 'payments-api-4' }),
      ])
    ).json()) as {
      data: { accepted: number; rejected: { index: number; code: string; field: string }[] };
    };
    expect(body.data.accepted).toBe(2);
    expect(body.data.rejected).toEqual([
      expect.objectContaining({ index: 2, code: 'cardinality_limit', field: 'entity' }),
    ]);
    expect(await count('entities')).toBe(3);
  });

  it('rejects an entity sent under a different segment than it belongs to', async () => {
    const body = (await (await t.ingest([good('s1', { segment: 'search' })])).json()) as {
      data: { rejected: { code: string }[] };
    };
    expect(body.data.rejected[0]?.code).toBe('segment_conflict');
  });
});

describe('what a rejected event leaves behind', () => {
  it('registers no segment and takes no slot of the cap for an event rejected with segment_conflict', async () => {
    const segmentsBefore = await count('segments');
    const [before] = await db.pool.query(
      "SELECT used FROM registry_counters WHERE name = 'segments'",
    );
    const body = (await (
      await t.ingest([good('conflict-new-segment', { segment: 'brand-new-segment' })])
    ).json()) as { data: { accepted: number; rejected: { code: string; field: string }[] } };
    expect(body.data.accepted).toBe(0);
    expect(body.data.rejected).toEqual([
      expect.objectContaining({ code: 'segment_conflict', field: 'segment' }),
    ]);
    expect(await count('segments')).toBe(segmentsBefore);
    const [after] = await db.pool.query(
      "SELECT used FROM registry_counters WHERE name = 'segments'",
    );
    expect(after).toEqual(before);
  });
});

describe('what a rejected event leaves behind, at the entity cap', () => {
  it('registers no new segment for an event whose new entity is refused by the entity cap', async () => {
    expect(await count('entities')).toBe(3);
    const segmentsBefore = await count('segments');
    const body = (await (
      await t.ingest([good('cap-new-segment', { segment: 'cap-segment', entity: 'cap-entity' })])
    ).json()) as { data: { accepted: number; rejected: { code: string; field: string }[] } };
    expect(body.data.rejected).toEqual([
      expect.objectContaining({ code: 'cardinality_limit', field: 'entity' }),
    ]);
    expect(await count('segments')).toBe(segmentsBefore);
    const [used] = await db.pool.query(
      "SELECT used FROM registry_counters WHERE name = 'segments'",
    );
    expect(Number((used as { used: number }[])[0]?.used)).toBe(segmentsBefore);
  });
});

describe('canonical event ids', () => {
  type Result = {
    data: {
      accepted: number;
      duplicates: number;
      rejected: { index: number; id?: string; code: string; field: string; message: string }[];
    };
  };
  const send = async (events: unknown[]) => (await t.ingest(events)).json() as Promise<Result>;

  it('rejects ids with leading or trailing whitespace per item instead of merging them with the trimmed id', async () => {
    expect((await send([good('ws')])).data).toMatchObject({ accepted: 1, duplicates: 0 });
    const body = await send([good('ws '), good(' ws'), good('ws\t'), good('ws-ok')]);
    expect(body.data.accepted).toBe(1);
    expect(body.data.duplicates).toBe(0);
    expect(body.data.rejected.map((r) => [r.index, r.code, r.field])).toEqual([
      [0, 'invalid_field', 'id'],
      [1, 'invalid_field', 'id'],
      [2, 'invalid_field', 'id'],
    ]);
    expect(body.data.rejected[0]?.message).toMatch(/whitespace/);
  });

  it('rejects ids holding an unpaired surrogate instead of colliding them', async () => {
    const body = await send([good('sur\uD800'), good('sur\uDC00'), good('sur\uD83D\uDE00')]);
    expect(body.data.accepted).toBe(1);
    expect(body.data.duplicates).toBe(0);
    expect(body.data.rejected.map((r) => [r.index, r.code, r.field])).toEqual([
      [0, 'invalid_field', 'id'],
      [1, 'invalid_field', 'id'],
    ]);
    expect(body.data.rejected[0]?.message).toMatch(/surrogate/);
  });
});
