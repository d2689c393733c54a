import { randomBytes } from 'node:crypto';
import { ExportTraceServiceRequest } from '../../modules/otlp/otlp-messages.ts';
import type { BenchEntity } from '../event-factory.ts';
import type { SeededRandom } from '../stats.ts';

const ROUTES = ['/api/cart/{id}', '/api/orders', '/api/search', '/api/users/{id}', '/healthz'];

/** A span as the bench plans it: which entity, when it ended, how long it took, how it went. */
export interface PlannedSpan {
  entity: BenchEntity;
  endMs: number;
  latencyMs: number;
  status: number;
}

/** Trace ids unique across runs: a random prefix per source and a counter. */
export function createTraceIdSource(): () => Buffer {
  const prefix = randomBytes(8);
  let seq = 0n;
  return () => {
    const id = Buffer.alloc(16);
    prefix.copy(id, 0);
    id.writeBigUInt64BE((seq += 1n), 8);
    return id;
  };
}

/** Latencies and outcomes drawn like the JSON bench's requests (log-normal, 1 % 5xx). */
export function planSpan(rng: SeededRandom, entity: BenchEntity, endMs: number): PlannedSpan {
  const latencyMs = Math.round(entity.medianMs * Math.exp(0.6 * rng.normal()) * 10) / 10;
  return { entity, endMs, latencyMs, status: rng.next() < 0.01 ? 503 : 200 };
}

/**
 * One ExportTraceServiceRequest as an instrumented HTTP server's SDK sends it: spans grouped by
 * resource (service.name = segment, service.instance.id = entity, host.name), each a SERVER span
 * with the semantic-convention HTTP attributes. About 250 bytes of protobuf per span.
 */
export function encodeSpanBatch(spans: readonly PlannedSpan[], nextTraceId: () => Buffer): Buffer {
  const byEntity = new Map<BenchEntity, PlannedSpan[]>();
  for (const span of spans) {
    const list = byEntity.get(span.entity);
    if (list) list.push(span);
    else byEntity.set(span.entity, [span]);
  }
  const resourceSpans = [...byEntity].map(([entity, list]) => ({
    resource: {
      attributes: [
        kv('service.name', entity.segment),
        kv('service.instance.id', entity.entity),
        kv('host.name', `${entity.entity}.bench.internal`),
        kv('telemetry.sdk.language', 'nodejs'),
      ],
    },
    scopeSpans: [
      {
        scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.2' },
        spans: list.map((span, i) => {
          const traceId = nextTraceId();
          const endNs = BigInt(span.endMs) * 1_000_000n;
          const route = ROUTES[i % ROUTES.length]!;
          return {
            traceId,
            spanId: traceId.subarray(8),
            name: `GET ${route}`,
            kind: 2,
            startTimeUnixNano: String(endNs - BigInt(Math.round(span.latencyMs * 1e6))),
            endTimeUnixNano: String(endNs),
            attributes: [
              kv('http.request.method', 'GET'),
              kv('http.route', route),
              kv('url.path', route.replace('{id}', String(i))),
              kv('url.scheme', 'https'),
              { key: 'http.response.status_code', value: { intValue: span.status } },
              kv('network.protocol.version', '1.1'),
            ],
            status: span.status >= 500 ? { code: 2 } : {},
          };
        }),
      },
    ],
  }));
  // Plain objects in the decoded shape encode directly; fromObject would copy them first.
  return Buffer.from(ExportTraceServiceRequest.encode({ resourceSpans }).finish());
}

const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });
