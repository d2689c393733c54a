import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestApp, TEST_TOKEN } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { kindFromCode, statusFromCode } from '../ingest/event-codes.ts';
import { ERROR_SPIKE, LATENCY_REGRESSION } from './demo-scenario.ts';
import type { SimEvent } from './entity-streams.ts';
import { generateEvents } from './fleet-generator.ts';
import { DEMO_FLEET } from './fleet.ts';
import { postSpans } from './otlp-client.ts';
import { asReceived, OTLP_SEGMENTS, toOtlpTraces, travelsAsSpan } from './otlp-spans.ts';
import { ongoingScenarioFaults } from './scenario-faults.ts';

const MINUTE = 60_000;
let db: TestDatabase;
let server: ServerType;
let baseUrl: string;
let nowMs: number;

interface StoredRow {
  event_id: string;
  ts: number;
  segment: string;
  entity: string;
  kind: number;
  status: number;
  error_class: string | null;
  latency_ms: number | null;
  message: string | null;
  trace_id: string | null;
}

async function stored(): Promise<Map<string, Partial<SimEvent>>> {
  const [rows] = await db.pool.query(
    `SELECT ev.event_id, ev.ts, s.slug AS segment, e.slug AS entity, ev.kind, ev.status,
            ev.error_class, ev.latency_ms, ev.message, ev.trace_id
       FROM events ev JOIN entities e ON e.id = ev.entity_id JOIN segments s ON s.id = ev.segment_id`,
  );
  return new Map(
    (rows as StoredRow[]).map((row) => [
      row.event_id,
      {
        id: row.event_id,
        ts: Number(row.ts),
        segment: row.segment,
        entity: row.entity,
        kind: kindFromCode(row.kind),
        status: statusFromCode(row.status),
        ...(row.error_class === null ? {} : { errorClass: row.error_class }),
        latencyMs: row.latency_ms,
        message: row.message,
        traceId: row.trace_id,
      },
    ]),
  );
}

/** A fixed afternoon with the scripted incidents under way, so every run sees the same traffic. */
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);

/**
 * The OTLP-fed segments' traffic in [ANCHOR - fromAgoMs, ANCHOR - toAgoMs), moved to the same
 * distance before the database's now (the receiver refuses what is too old or in the future).
 */
function spanEvents(fromAgoMs: number, toAgoMs: number): SimEvent[] {
  const fleet = DEMO_FLEET.filter((entity) => OTLP_SEGMENTS.has(entity.segment.slug));
  return [
    ...generateEvents({
      seed: 42,
      anchorMs: ANCHOR,
      fromMs: ANCHOR - fromAgoMs,
      toMs: ANCHOR - toAgoMs,
      fleet,
      faults: ongoingScenarioFaults(ANCHOR),
    }),
  ]
    .flat()
    .filter(travelsAsSpan)
    .map((event) => ({ ...event, ts: event.ts - ANCHOR + nowMs }));
}

beforeAll(async () => {
  db = await createTestDatabase();
  nowMs = await databaseNow(db.pool);
  const { app } = await createTestApp(db);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.drop();
});

describe('OTLP spans of the demo fleet', () => {
  it('are one ResourceSpans per entity, naming its service, instance and segment', () => {
    const events = spanEvents(3 * MINUTE, 2 * MINUTE);
    const request = toOtlpTraces(events);
    expect(request.resourceSpans.length).toBe(new Set(events.map((e) => e.entity)).size);
    const culprit = request.resourceSpans.find((r) =>
      r.resource.attributes.some(
        (a) => 'stringValue' in a.value && a.value.stringValue === ERROR_SPIKE.culprits[0],
      ),
    );
    expect(culprit?.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'checkout-eu-api' } },
      { key: 'service.instance.id', value: { stringValue: ERROR_SPIKE.culprits[0] } },
      { key: 'watchfloor.segment', value: { stringValue: ERROR_SPIKE.segment } },
    ]);
    const failed = culprit?.scopeSpans[0]?.spans.find((span) => span.status.code === 2);
    expect(failed).toMatchObject({
      kind: 2,
      attributes: expect.arrayContaining([
        { key: 'http.response.status_code', value: { intValue: '503' } },
        { key: 'error.type', value: { stringValue: ERROR_SPIKE.errorClass } },
      ]),
    });
    expect(failed?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(failed?.spanId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('are stored by /v1/traces as exactly the events the simulator generated, once however often they are sent', async () => {
    const events = spanEvents(12 * MINUTE, 2 * MINUTE);
    expect(
      events.some((e) => e.status === 'error' && e.errorClass === ERROR_SPIKE.errorClass),
    ).toBe(true);
    expect(events.some((e) => e.entity === LATENCY_REGRESSION.entities[0])).toBe(true);

    const first = await postSpans(baseUrl, TEST_TOKEN, events);
    expect(first).toEqual({ ok: true, sent: events.length, rejected: 0, errorMessage: null });
    // A retried export (an overlap after an outage) stores nothing twice.
    expect(await postSpans(baseUrl, TEST_TOKEN, events.slice(0, 50))).toMatchObject({
      ok: true,
      rejected: 0,
    });

    const rows = await stored();
    expect(rows.size).toBe(events.length);
    for (const event of events) expect(rows.get(asReceived(event).id)).toEqual(asReceived(event));
  });

  it('counts the spans the receiver rejects in a 200 answer (partialSuccess)', async () => {
    const events = spanEvents(14 * MINUTE, 13 * MINUTE).slice(0, 5);
    // Ten minutes ahead of the server's clock: rejected as "in the future", the rest stored.
    const future = { ...events[0]!, id: 'sim-future', ts: nowMs + 10 * MINUTE };
    const outcome = await postSpans(baseUrl, TEST_TOKEN, [...events, future]);
    expect(outcome).toMatchObject({ ok: true, sent: 6, rejected: 1 });
    expect(outcome.ok && outcome.errorMessage).toBeTruthy();
  });

  it('hands back 429 and 503 as retryable with the Retry-After asked for, 400 as final', async () => {
    const answers = [
      { status: 429, retryAfter: '3' },
      { status: 503, retryAfter: '7' },
      { status: 400, retryAfter: null },
    ];
    let next = 0;
    const refusing = createServer((_request, response) => {
      const answer = answers[next++]!;
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}),
      });
      response.end('{"code":8,"message":"busy"}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
      const events = spanEvents(3 * MINUTE, 2 * MINUTE).slice(0, 3);
      expect(await postSpans(url, TEST_TOKEN, events)).toMatchObject({
        ok: false,
        retry: true,
        retryAfterMs: 3_000,
      });
      expect(await postSpans(url, TEST_TOKEN, events)).toMatchObject({
        ok: false,
        retry: true,
        retryAfterMs: 7_000,
      });
      expect(await postSpans(url, TEST_TOKEN, events)).toMatchObject({ ok: false, retry: false });
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
