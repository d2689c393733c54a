import { describe, expect, it } from 'vitest';
import {
  decodeTraceRequest,
  ExportTraceServiceRequest,
  type OtlpTraceRequest,
} from './otlp-messages.ts';
import { toSlug } from './resource-slug.ts';
import { mapSpans } from './span-mapper.ts';

type KeyValue = { key: string; value: Record<string, unknown> };
type Span = Record<string, unknown>;

const str = (key: string, value: string): KeyValue => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): KeyValue => ({ key, value: { intValue: value } });

const START_NS = 1_764_900_000_123_456_789n;

function span(extra: Span = {}): Span {
  return {
    traceId: Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex'),
    spanId: Buffer.from('b7ad6b7169203331', 'hex'),
    name: 'GET /x',
    kind: 2,
    startTimeUnixNano: String(START_NS),
    endTimeUnixNano: String(START_NS + 12_345_678n),
    ...extra,
  };
}

/** Through the wire, so the mapper sees what protobufjs decodes (defaults, oneofs, Longs). */
const decoded = (resourceSpans: { resource: KeyValue[]; spans: Span[] }[]): OtlpTraceRequest =>
  decodeTraceRequest(
    ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: resourceSpans.map(({ resource, spans }) => ({
          resource: { attributes: resource },
          scopeSpans: [{ spans }],
        })),
      }),
    ).finish(),
  );

const request = (resource: KeyValue[], spans: Span[]) => decoded([{ resource, spans }]);

const only = (resource: KeyValue[], s: Span) => {
  const mapped = mapSpans(request(resource, [s]));
  expect(mapped.events).toHaveLength(1);
  return mapped.events[0]!;
};

describe('mapSpans', () => {
  const service = [str('service.name', 'checkout'), str('service.instance.id', 'pod-7')];

  it('maps a server span to a request event keyed by trace and span id, times from 64-bit nanos', () => {
    expect(only(service, span())).toEqual({
      id: '0af7651916cd43dd8448eb211c80319cb7ad6b7169203331',
      ts: 1_764_900_000_123,
      segment: 'checkout',
      entity: 'pod-7',
      kind: 'request',
      status: 'ok',
      errorClass: null,
      latencyMs: 12.345678,
      message: 'GET /x',
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
  });

  it('skips INTERNAL, CLIENT, PRODUCER and UNSPECIFIED spans without rejecting them', () => {
    const mapped = mapSpans(
      request(
        service,
        [0, 1, 3, 4, 5].map((kind) => span({ kind })),
      ),
    );
    expect(mapped.events.map((e) => e.id)).toHaveLength(1);
    expect(mapped.skipped).toBe(4);
    expect(mapped.rejected.size).toBe(0);
  });

  it.each([
    [
      'status ERROR with error.type',
      { status: { code: 2 }, attributes: [str('error.type', 'Timeout')] },
      'Timeout',
    ],
    [
      'status ERROR with an exception event',
      {
        status: { code: 2 },
        events: [{ name: 'exception', attributes: [str('exception.type', 'IOError')] }],
      },
      'IOError',
    ],
    [
      'http.response.status_code 503 alone',
      { attributes: [int('http.response.status_code', 503)] },
      '503',
    ],
    ['the older http.status_code 500', { attributes: [int('http.status_code', 500)] }, '500'],
    ['status ERROR and nothing else', { status: { code: 2 } }, 'error'],
  ])('marks %s as an error with its class', (_label, extra, errorClass) => {
    expect(only(service, span(extra))).toMatchObject({
      status: 'error',
      errorClass,
    });
  });

  it('keeps a 4xx span ok', () => {
    expect(
      only(service, span({ attributes: [int('http.response.status_code', 404)] })).status,
    ).toBe('ok');
  });

  it('names the entity host.name-service.name without an instance id, and the segment by watchfloor.segment', () => {
    expect(
      only(
        [
          str('service.name', 'Search API'),
          str('host.name', 'web-01'),
          str('watchfloor.segment', 'EU Search'),
        ],
        span(),
      ),
    ).toMatchObject({ segment: 'eu-search', entity: 'web-01-search-api' });
    expect(only([str('service.name', 'search')], span())).toMatchObject({
      segment: 'search',
      entity: 'search',
    });
  });

  it('rejects spans whose resource names no service, or nothing that can be a slug', () => {
    const mapped = mapSpans(
      decoded([
        { resource: [str('host.name', 'h')], spans: [span(), span()] },
        { resource: [str('service.name', 'サービス')], spans: [span()] },
      ]),
    );
    expect(mapped.events).toHaveLength(0);
    expect([...mapped.rejected.values()]).toEqual([2, 1]);
    expect([...mapped.rejected.keys()].join(' | ')).toMatch(
      /neither service.name.*\| segment "サービス" has no letter/,
    );
  });
});

describe('toSlug', () => {
  it.each([
    ['Checkout', 'checkout'],
    ['  api/v2 :: EU ', 'api-v2-eu-'],
    ['__internal.svc', 'internal.svc'],
    ['', null],
    ['---', null],
  ])('%j → %j', (input, slug) => expect(toSlug(input)).toBe(slug));

  it('keeps distinct long names distinct within 64 characters', () => {
    const a = toSlug(`${'x'.repeat(80)}-a`)!;
    const b = toSlug(`${'x'.repeat(80)}-b`)!;
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^x{55}-[0-9a-f]{8}$/);
  });
});
