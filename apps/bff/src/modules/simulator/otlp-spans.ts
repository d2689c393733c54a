import { createHash } from 'node:crypto';
import type { SimEvent } from './entity-streams.ts';

/**
 * The demo segments whose requests and jobs reach Watchfloor as OpenTelemetry spans instead of
 * event JSON: the error spike's segment (its culprits are found through trace data) and the
 * latency regression's (its slowdown is measured from span start and end times).
 */
export const OTLP_SEGMENTS: ReadonlySet<string> = new Set(['checkout-eu', 'search-ap']);

/** Status codes of OTLP/JSON (enums are integers in JSON). */
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CONSUMER = 5;
const NANOS_PER_MS = 1_000_000n;
/** Error classes a service would answer with 503 (overload, exhausted pools); others with 500. */
const UNAVAILABLE_CLASSES = new Set(['DbPoolExhausted', 'Http503', 'UpstreamTimeout']);
export const OTLP_SCOPE = 'watchfloor.demo';

interface KeyValue {
  key: string;
  value: { stringValue: string } | { intValue: string };
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code: number; message?: string };
  attributes: KeyValue[];
  events: { timeUnixNano: string; name: string; attributes: KeyValue[] }[];
}

export interface OtlpTracesRequest {
  resourceSpans: {
    resource: { attributes: KeyValue[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

const str = (key: string, value: string): KeyValue => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): KeyValue => ({ key, value: { intValue: String(value) } });

/** Sends the event through OTLP when its segment is fed by spans and it is a request or a job. */
export const travelsAsSpan = (event: SimEvent): boolean =>
  (event.kind === 'request' || event.kind === 'job') && OTLP_SEGMENTS.has(event.segment);

/**
 * Trace and span ids derived from the simulator's event id: the same event always becomes the
 * same span, so a re-sent window is stored once (the receiver's event id is traceId + spanId).
 */
export function spanIds(simEventId: string): { traceId: string; spanId: string } {
  const digest = createHash('sha256').update(simEventId).digest('hex');
  return { traceId: digest.slice(0, 32), spanId: digest.slice(32, 48) };
}

/** The id under which the event is stored, however it travels. */
export const storedEventId = (event: SimEvent): string => {
  if (!travelsAsSpan(event)) return event.id;
  const { traceId, spanId } = spanIds(event.id);
  return traceId + spanId;
};

/** `checkout-eu-api-03` is an instance of the service `checkout-eu-api`. */
export const serviceName = (entity: string): string => entity.replace(/-\d+$/, '');

const routeOf = (event: SimEvent): string =>
  `/api/${serviceName(event.entity).split('-').at(-1) ?? 'v1'}`;

/** What the span is called: its HTTP route for a request, the consuming service for a job. */
const spanName = (event: SimEvent): string =>
  event.kind === 'job' ? `process ${serviceName(event.entity)}` : `POST ${routeOf(event)}`;

/**
 * The event the OTLP receiver stores for the span made from this simulator event: id and trace id
 * from the span, the span's name as message, every span a request. The seeded history of the
 * OTLP-fed segments is stored in this shape, so it meets the live spans without a seam.
 */
export function asReceived(event: SimEvent): SimEvent {
  const { traceId, spanId } = spanIds(event.id);
  const received: SimEvent = {
    id: traceId + spanId,
    ts: event.ts,
    segment: event.segment,
    entity: event.entity,
    kind: 'request',
    status: event.status,
    latencyMs: event.latencyMs,
    message: spanName(event),
    traceId,
  };
  if (event.status === 'error' && event.errorClass) received.errorClass = event.errorClass;
  return received;
}

function toSpan(event: SimEvent): OtlpSpan {
  const start = BigInt(event.ts) * NANOS_PER_MS;
  const end = start + BigInt(Math.round((event.latencyMs ?? 0) * 1_000_000));
  const failed = event.status === 'error';
  const job = event.kind === 'job';
  const route = routeOf(event);
  const attributes = job
    ? [str('messaging.operation.type', 'process')]
    : [
        str('http.request.method', 'POST'),
        str('http.route', route),
        int(
          'http.response.status_code',
          !failed ? 200 : UNAVAILABLE_CLASSES.has(event.errorClass ?? '') ? 503 : 500,
        ),
      ];
  if (failed && event.errorClass) attributes.push(str('error.type', event.errorClass));
  const message = event.message ?? undefined;
  return {
    ...spanIds(event.id),
    name: spanName(event),
    kind: job ? SPAN_KIND_CONSUMER : SPAN_KIND_SERVER,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(end),
    status: failed
      ? { code: STATUS_ERROR, ...(message ? { message } : {}) }
      : { code: STATUS_UNSET },
    attributes,
    events:
      failed && event.errorClass
        ? [
            {
              timeUnixNano: String(end),
              name: 'exception',
              attributes: [
                str('exception.type', event.errorClass),
                str('exception.message', message ?? event.errorClass),
              ],
            },
          ]
        : [],
  };
}

/**
 * OTLP/JSON for a batch of request and job events: one ResourceSpans per entity, as each
 * instance's SDK would send, with the segment named by the `watchfloor.segment` resource attribute.
 */
export function toOtlpTraces(events: readonly SimEvent[]): OtlpTracesRequest {
  const byEntity = new Map<string, SimEvent[]>();
  for (const event of events) {
    const list = byEntity.get(event.entity) ?? [];
    list.push(event);
    byEntity.set(event.entity, list);
  }
  return {
    resourceSpans: [...byEntity.values()].map((entityEvents) => {
      const first = entityEvents[0] as SimEvent;
      return {
        resource: {
          attributes: [
            str('service.name', serviceName(first.entity)),
            str('service.instance.id', first.entity),
            str('watchfloor.segment', first.segment),
          ],
        },
        scopeSpans: [{ scope: { name: OTLP_SCOPE }, spans: entityEvents.map(toSpan) }],
      };
    }),
  };
}
