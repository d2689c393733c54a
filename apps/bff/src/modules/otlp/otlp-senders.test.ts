import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EntityDetailResponseSchema,
  SegmentDetailResponseSchema,
} from '@watchfloor/shared/drilldown';
import { EventsPageSchema } from '@watchfloor/shared/events';
import {
  estimatePercentile,
  latencyBucketIndex,
  type LatencyHistogram,
} from '@watchfloor/shared/metrics/latency-histogram';
import { databaseNow } from '../../db/db-clock.ts';
import { listen, type Listener } from '../../http/node-listener.ts';
import { drain } from '../../testing/rollup-truth.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { exportOnce, exporterFor, recordSpans, type SpanPlan } from './testing/otel-senders.ts';

let db: TestDatabase;
let t: TestApp;
let server: Listener;
let url: string;
let base: number;

const TRACE_URL = 'https://traces.example/trace/{traceId}';

async function countEvents(): Promise<number> {
  const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM events');
  return Number((rows as { n: number }[])[0]!.n);
}

/** What the test generated for one scope: request count, errors and the p95 by the histogram rules. */
function expected(plans: readonly SpanPlan[], isError: (plan: SpanPlan) => boolean) {
  const requests = plans.filter((p) => p.kind === SpanKind.SERVER || p.kind === SpanKind.CONSUMER);
  const histogram: LatencyHistogram = new Map();
  for (const { latencyMs } of requests) {
    const index = latencyBucketIndex(latencyMs);
    histogram.set(index, (histogram.get(index) ?? 0) + 1);
  }
  return {
    requests: requests.length,
    errors: requests.filter(isError).length,
    // The API gives latencies to the microsecond.
    p95Ms:
      Math.round(
        estimatePercentile(histogram, 0.95, {
          maxMs: Math.max(...requests.map((p) => p.latencyMs)),
        })! * 1000,
      ) / 1000,
  };
}

const failed = (plan: SpanPlan) =>
  plan.statusError === true || Number(plan.attributes?.['http.response.status_code'] ?? 0) >= 500;

/** Checkout: SERVER and CONSUMER spans with every error form, plus INTERNAL and CLIENT ones. */
function checkoutPlans(): SpanPlan[] {
  const plans: SpanPlan[] = [];
  for (let i = 0; i < 60; i += 1) {
    const startMs = base + i * 5_000 + (i % 7);
    const latencyMs = 3 + ((i * 37) % 180) + (i % 3) * 0.25;
    plans.push({
      name: 'GET /cart/:id',
      kind: i % 10 === 9 ? SpanKind.CONSUMER : SpanKind.SERVER,
      startMs,
      latencyMs,
      attributes: { 'http.response.status_code': i % 15 === 4 ? 503 : 200 },
      statusError: i % 12 === 5,
      exception: i % 12 === 5 ? 'PaymentTimeout' : undefined,
    });
    // Work inside the request: not requests of their own.
    plans.push({ name: 'db.query', kind: SpanKind.CLIENT, startMs: startMs + 1, latencyMs: 1 });
    plans.push({ name: 'render', kind: SpanKind.INTERNAL, startMs: startMs + 2, latencyMs: 1 });
  }
  return plans;
}

/** Search, sent as OTLP/JSON: no service.instance.id, so the entity is host.name + service.name. */
function searchPlans(): SpanPlan[] {
  return Array.from({ length: 25 }, (_, i) => ({
    name: 'POST /search',
    kind: SpanKind.SERVER,
    startMs: base + i * 9_000,
    latencyMs: 20 + ((i * 53) % 400),
    attributes: { 'http.status_code': i % 8 === 3 ? 500 : 200, 'error.type': 'ignored-when-ok' },
  }));
}

async function detail(kind: 'segments' | 'entities', slug: string) {
  const response = await t.get(`/api/v1/${kind}/${slug}?from=${base}&to=${base + 600_000}`);
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, { traceUrl: TRACE_URL });
  server = await listen(t.app, { hostname: '127.0.0.1', port: 0 });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  base = Math.floor(((await databaseNow(db.pool)) - 20 * 60_000) / 60_000) * 60_000;
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('OTLP/HTTP traces from the real OpenTelemetry exporters', () => {
  const checkout = { 'service.name': 'checkout', 'service.instance.id': 'Checkout-1' };
  let checkoutSpans: Awaited<ReturnType<typeof recordSpans>>;

  it('stores each SERVER and CONSUMER span once from the protobuf exporter, gzip on and off', async () => {
    checkoutSpans = await recordSpans(checkout, checkoutPlans());
    const half = Math.floor(checkoutSpans.length / 2);
    await exportOnce(exporterFor(url, 'protobuf', { gzip: true }), checkoutSpans.slice(0, half));
    await exportOnce(exporterFor(url, 'protobuf'), checkoutSpans.slice(half));
    expect(await countEvents()).toBe(60);
  });

  it('stores nothing twice when the same batch is exported again (a forced retry)', async () => {
    await exportOnce(exporterFor(url, 'protobuf', { gzip: true }), checkoutSpans);
    await exportOnce(exporterFor(url, 'protobuf'), checkoutSpans);
    expect(await countEvents()).toBe(60);
  });

  it('stores spans from the OTLP/JSON exporter, gzip on and off, and their retry once', async () => {
    const spans = await recordSpans(
      { 'service.name': 'Search API', 'host.name': 'web-01' },
      searchPlans(),
    );
    await exportOnce(exporterFor(url, 'json'), spans.slice(0, 10));
    await exportOnce(exporterFor(url, 'json', { gzip: true }), spans.slice(10));
    await exportOnce(exporterFor(url, 'json', { gzip: true }), spans);
    expect(await countEvents()).toBe(85);
  });

  it('rolls them up to the counts, errors and p95 the test generated, per segment and entity', async () => {
    await drain(t.newWorker());
    const want = expected(checkoutPlans(), failed);
    expect(want.errors).toBeGreaterThan(5);
    for (const scope of [
      SegmentDetailResponseSchema.parse(await detail('segments', 'checkout')).data.segment,
      EntityDetailResponseSchema.parse(await detail('entities', 'checkout-1')).data.entity,
    ])
      expect({
        requests: scope.requests,
        errors: scope.errors,
        p95Ms: scope.latency.p95Ms,
      }).toEqual(want);

    const search = expected(
      searchPlans(),
      (p) => Number(p.attributes?.['http.status_code']) >= 500,
    );
    const entity = EntityDetailResponseSchema.parse(await detail('entities', 'web-01-search-api'))
      .data.entity;
    expect(entity.segment).toBe('search-api');
    expect({
      requests: entity.requests,
      errors: entity.errors,
      p95Ms: entity.latency.p95Ms,
    }).toEqual(search);
  });

  it('keeps the trace id, the error class and the span name on each raw event, with a trace link', async () => {
    const response = await t.get(
      `/api/v1/events?entityId=checkout-1&status=error&from=${base}&to=${base + 600_000}&limit=200`,
    );
    expect(response.status).toBe(200);
    const events = EventsPageSchema.parse(
      ((await response.json()) as { data: unknown }).data,
    ).events;
    const byClass = new Map<string, number>();
    for (const event of events)
      byClass.set(event.errorClass ?? '', (byClass.get(event.errorClass ?? '') ?? 0) + 1);
    // Status ERROR with an exception event: its type; HTTP 503 alone: the code.
    expect([...byClass.keys()].sort()).toEqual(['503', 'PaymentTimeout']);
    const sent = new Map(
      checkoutSpans.map((s) => [s.spanContext().traceId + s.spanContext().spanId, s]),
    );
    for (const event of events) {
      const span = sent.get(event.id)!;
      expect(span).toBeDefined();
      expect(event.traceId).toBe(span.spanContext().traceId);
      expect(event.traceUrl).toBe(`https://traces.example/trace/${span.spanContext().traceId}`);
      expect(event.message).toBe('GET /cart/:id');
      expect(event.kind).toBe('request');
    }
  });
});
