import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { listen, type Listener } from '../../http/node-listener.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { OTLP_MAX_BYTES } from './otlp-body.ts';
import {
  ExportTraceServiceRequest,
  ExportTraceServiceResponse,
  RpcStatus,
} from './otlp-messages.ts';
import { OTLP_MAX_IN_FLIGHT } from './otlp.routes.ts';

let db: TestDatabase;
let server: Listener;
let url: string;
let now: number;
let spanSeq = 0;

async function countEvents(): Promise<number> {
  const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM events');
  return Number((rows as { n: number }[])[0]!.n);
}

const hexId = (bytes: number, seed: number) =>
  (seed.toString(16).padStart(6, '0') + 'ab'.repeat(bytes)).slice(0, bytes * 2);

/** An OTLP/JSON-shaped span (lowerCamelCase, hex ids); the protobuf tests encode the same shape. */
function span(startMs: number, extra: Record<string, unknown> = {}) {
  spanSeq += 1;
  return {
    traceId: hexId(16, spanSeq),
    spanId: hexId(8, spanSeq),
    name: 'GET /x',
    kind: 2,
    startTimeUnixNano: String(BigInt(startMs) * 1_000_000n),
    endTimeUnixNano: String(BigInt(startMs + 12) * 1_000_000n),
    ...extra,
  };
}

const resource = (attributes: Record<string, string>) => ({
  attributes: Object.entries(attributes).map(([key, value]) => ({
    key,
    value: { stringValue: value },
  })),
});

type JsonSpan = ReturnType<typeof span>;

function protobufBody(resources: { attributes: Record<string, string>; spans: JsonSpan[] }[]) {
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: resources.map(({ attributes, spans }) => ({
      resource: resource(attributes),
      scopeSpans: [
        {
          spans: spans.map((s) => ({
            ...s,
            traceId: Buffer.from(s.traceId, 'hex'),
            spanId: Buffer.from(s.spanId, 'hex'),
          })),
        },
      ],
    })),
  });
  return ExportTraceServiceRequest.encode(message).finish();
}

async function post(
  body: Uint8Array | string,
  headers: Record<string, string>,
  token: string | null = TEST_TOKEN,
) {
  return fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
}

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const JSON_TYPE = { 'content-type': 'application/json' };

async function protobufStatus(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/x-protobuf');
  return RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await response.arrayBuffer()))) as {
    code?: number;
    message?: string;
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const t = await createTestApp(db);
  server = await listen(t.app, { hostname: '127.0.0.1', port: 0 });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  now = await databaseNow(db.pool);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('POST /v1/traces refuses what OTLP/HTTP defines as bad, writing nothing', () => {
  it('requires an ingest token, refusing with a google.rpc.Status in the request encoding', async () => {
    const response = await post(protobufBody([]), PROTOBUF, null);
    expect(response.status).toBe(401);
    expect(await protobufStatus(response)).toMatchObject({ code: 16 });
    const asJson = await post('{}', JSON_TYPE, 'wf_ingest_not-a-real-token-at-all-xx');
    expect(asJson.status).toBe(401);
    expect(await asJson.json()).toEqual({ code: 16, message: expect.stringContaining('token') });
  });

  it('answers a truncated protobuf body with 400 and a google.rpc.Status', async () => {
    const body = protobufBody([
      { attributes: { 'service.name': 'trunc' }, spans: [span(now - 60_000)] },
    ]);
    const before = await countEvents();
    const response = await post(body.subarray(0, body.length - 7), PROTOBUF);
    expect(response.status).toBe(400);
    expect((await protobufStatus(response)).message).toMatch(/not an ExportTraceServiceRequest/);
    expect(await countEvents()).toBe(before);
  });

  it('answers malformed OTLP/JSON with 400 and a JSON Status naming the field', async () => {
    const before = await countEvents();
    const notJson = await post('{"resourceSpans": [', JSON_TYPE);
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toBe('application/json');
    expect(((await notJson.json()) as { message: string }).message).toMatch(/not JSON/);
    const badId = await post(
      JSON.stringify({
        resourceSpans: [
          {
            resource: resource({ 'service.name': 'bad-id' }),
            scopeSpans: [{ spans: [span(now - 60_000, { spanId: 'not-hex!' })] }],
          },
        ],
      }),
      JSON_TYPE,
    );
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { message: string }).message).toMatch(/spanId: must be hex/);
    expect(await countEvents()).toBe(before);
  });

  it('answers a content type other than protobuf or JSON with 415, and an unknown encoding too', async () => {
    const body = protobufBody([
      { attributes: { 'service.name': 'ct' }, spans: [span(now - 60_000)] },
    ]);
    const before = await countEvents();
    expect((await post(body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(body, { ...PROTOBUF, 'content-encoding': 'br' })).status).toBe(415);
    expect(await countEvents()).toBe(before);
  });

  it('answers 413 when the body inflates past the limit, though the gzip is small', async () => {
    const bomb = gzipSync(Buffer.alloc(OTLP_MAX_BYTES + 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const before = await countEvents();
    const response = await post(bomb, { ...PROTOBUF, 'content-encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect((await protobufStatus(response)).message).toMatch(/after decompression/);
    expect(await countEvents()).toBe(before);
  });
});

describe('POST /v1/traces per-span rejections', () => {
  it('takes the good spans and counts a span with no service and a span too old in partial_success', async () => {
    const before = await countEvents();
    const response = await post(
      protobufBody([
        {
          attributes: { 'service.name': 'orders' },
          spans: [span(now - 60_000), span(now - 500 * 86_400_000)],
        },
        { attributes: { 'host.name': 'nameless-host' }, spans: [span(now - 60_000)] },
        // A client span says nothing about this service's requests: skipped, not rejected.
        { attributes: { 'service.name': 'orders' }, spans: [span(now - 60_000, { kind: 3 })] },
      ]),
      PROTOBUF,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const answer = ExportTraceServiceResponse.toObject(
      ExportTraceServiceResponse.decode(new Uint8Array(await response.arrayBuffer())),
      { longs: Number },
    ) as { partialSuccess?: { rejectedSpans: number; errorMessage: string } };
    expect(answer.partialSuccess?.rejectedSpans).toBe(2);
    expect(answer.partialSuccess?.errorMessage).toMatch(
      /neither service.name nor watchfloor.segment/,
    );
    expect(answer.partialSuccess?.errorMessage).toMatch(/older than the retention period/);
    expect(await countEvents()).toBe(before + 1);
  });

  it('leaves partial_success unset when every span is taken', async () => {
    const response = await post(
      protobufBody([{ attributes: { 'service.name': 'orders' }, spans: [span(now - 50_000)] }]),
      PROTOBUF,
    );
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer()).length).toBe(0);
  });

  it('accepts 64-bit integers in OTLP/JSON as strings and as numbers, answering in JSON', async () => {
    const before = await countEvents();
    const asNumber = span(now - 40_000);
    const response = await post(
      JSON.stringify({
        resourceSpans: [
          {
            resource: resource({ 'service.name': 'billing', 'watchfloor.segment': 'Orders EU' }),
            scopeSpans: [
              {
                scope: { name: 'unknown fields are ignored' },
                spans: [
                  { ...span(now - 45_000), droppedAttributesCount: 0, flags: 257 },
                  {
                    ...asNumber,
                    startTimeUnixNano: Number(asNumber.startTimeUnixNano),
                    endTimeUnixNano: Number(asNumber.endTimeUnixNano),
                  },
                ],
              },
            ],
          },
          { resource: resource({}), scopeSpans: [{ spans: [span(now - 40_000)] }] },
        ],
      }),
      JSON_TYPE,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: expect.stringMatching(/neither service.name/),
      },
    });
    expect(await countEvents()).toBe(before + 2);
    const [rows] = await db.pool.query(
      "SELECT s.slug AS segment, e.slug AS entity FROM events ev JOIN segments s ON s.id = ev.segment_id JOIN entities e ON e.id = ev.entity_id WHERE s.slug = 'orders-eu'",
    );
    expect(rows).toEqual([
      { segment: 'orders-eu', entity: 'billing' },
      { segment: 'orders-eu', entity: 'billing' },
    ]);
  });
});

describe('POST /v1/traces under load', () => {
  it(`answers 429 with Retry-After beyond ${OTLP_MAX_IN_FLIGHT} requests in flight`, async () => {
    const held: ReadableStreamDefaultController<Uint8Array>[] = [];
    const pending = Array.from({ length: OTLP_MAX_IN_FLIGHT }, () =>
      fetch(`${url}/v1/traces`, {
        method: 'POST',
        headers: { ...PROTOBUF, authorization: `Bearer ${TEST_TOKEN}` },
        // The start of a body (one empty ResourceSpans) whose end is held back.
        body: new ReadableStream<Uint8Array>({
          start: (controller) => {
            controller.enqueue(new Uint8Array([0x0a, 0x00]));
            held.push(controller);
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    try {
      // The held requests reach the handler in their own time: probe until the gate is full.
      let refused: Response | undefined;
      for (let attempt = 0; attempt < 500 && !refused; attempt += 1) {
        const probe = await post(protobufBody([]), PROTOBUF);
        if (probe.status === 429) refused = probe;
        else expect(probe.status).toBe(200);
      }
      expect(refused?.status).toBe(429);
      expect(refused?.headers.get('retry-after')).toBe('1');
      expect((await protobufStatus(refused!)).message).toMatch(/Too many/);
    } finally {
      for (const controller of held) controller.close();
    }
    for (const response of await Promise.all(pending)) expect(response.status).toBe(200);
    expect((await post(protobufBody([]), PROTOBUF)).status).toBe(200);
  });
});

describe('POST /v1/traces with the database down', () => {
  it('answers 503 with Retry-After in the request encoding', async () => {
    const downDb = await createTestDatabase();
    const t = await createTestApp(downDb);
    const down = await listen(t.app, { hostname: '127.0.0.1', port: 0 });
    const address = down.address();
    const downUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const send = () =>
        fetch(`${downUrl}/v1/traces`, {
          method: 'POST',
          headers: { ...PROTOBUF, authorization: `Bearer ${TEST_TOKEN}` },
          body: protobufBody([
            { attributes: { 'service.name': 'dark' }, spans: [span(now - 60_000)] },
          ]),
        });
      // The first export lets the token check cache the token, as a running sender's would be.
      expect((await send()).status).toBe(200);
      await downDb.pool.end();
      const response = await send();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect((await protobufStatus(response)).message).toMatch(/database is unavailable/);
    } finally {
      await down.close();
      await downDb.drop();
    }
  });
});
