import type { IngestEventInput } from '@watchfloor/shared/ingest';
import {
  SPAN_KIND,
  STATUS_CODE_ERROR,
  type Int64,
  type OtlpAnyValue,
  type OtlpResourceSpans,
  type OtlpSpan,
  type OtlpTraceRequest,
} from './otlp-messages.ts';
import { toSlug } from './resource-slug.ts';

/** Spans the mapper could not make an event of, counted by reason (for partial_success). */
export type RejectionTally = Map<string, number>;

export interface MappedSpans {
  /** One request event per SERVER or CONSUMER span, judged afterwards like any ingested event. */
  events: IngestEventInput[];
  rejected: RejectionTally;
  /** INTERNAL, CLIENT, PRODUCER and UNSPECIFIED spans: not requests, so neither kept nor rejected. */
  skipped: number;
}

type Scope = { segment: string; entity: string } | { reason: string };

const ERROR_CLASS_MAX = 64;
const MESSAGE_MAX = 1024;
const NANOS_PER_MS = 1_000_000n;

export function tally(into: RejectionTally, reason: string, count = 1): void {
  into.set(reason, (into.get(reason) ?? 0) + count);
}

/**
 * Each SERVER or CONSUMER span becomes one request event: error when the status is ERROR or the
 * HTTP status is 5xx, latency end − start, time = start, id = trace id + span id (re-sends dedupe).
 */
export function mapSpans(request: OtlpTraceRequest): MappedSpans {
  const mapped: MappedSpans = { events: [], rejected: new Map(), skipped: 0 };
  for (const resourceSpans of request.resourceSpans ?? []) {
    let scope: Scope | undefined;
    for (const scopeSpans of resourceSpans.scopeSpans ?? [])
      for (const span of scopeSpans.spans ?? []) {
        if (span.kind !== SPAN_KIND.SERVER && span.kind !== SPAN_KIND.CONSUMER) {
          mapped.skipped += 1;
          continue;
        }
        scope ??= resourceScope(resourceSpans);
        if ('reason' in scope) tally(mapped.rejected, scope.reason);
        else {
          const event = spanEvent(span, scope);
          if (typeof event === 'string') tally(mapped.rejected, event);
          else mapped.events.push(event);
        }
      }
  }
  return mapped;
}

/**
 * Segment: `watchfloor.segment`, else `service.name`. Entity: `service.instance.id`, else
 * `host.name` and `service.name` joined with "-", else the segment (one entity per service).
 */
function resourceScope(resourceSpans: OtlpResourceSpans): Scope {
  let service: string | undefined;
  let instance: string | undefined;
  let host: string | undefined;
  let segmentName: string | undefined;
  for (const { key, value } of resourceSpans.resource?.attributes ?? []) {
    if (key === 'service.name') service = textOf(value);
    else if (key === 'service.instance.id') instance = textOf(value);
    else if (key === 'host.name') host = textOf(value);
    else if (key === 'watchfloor.segment') segmentName = textOf(value);
  }
  const segmentSource = segmentName || service;
  if (!segmentSource)
    return { reason: 'the resource has neither service.name nor watchfloor.segment' };
  const segment = toSlug(segmentSource);
  if (!segment)
    return { reason: `segment "${segmentSource.slice(0, 64)}" has no letter or digit a-z 0-9` };
  const entitySource =
    instance || [host, service].filter((part) => part).join('-') || segmentSource;
  const entity = toSlug(entitySource);
  if (!entity)
    return { reason: `entity "${entitySource.slice(0, 64)}" has no letter or digit a-z 0-9` };
  return { segment, entity };
}

function spanEvent(
  span: OtlpSpan,
  scope: { segment: string; entity: string },
): IngestEventInput | string {
  const traceId = hex(span.traceId);
  const spanId = hex(span.spanId);
  if (traceId.length !== 32 || spanId.length !== 16)
    return 'trace_id must be 16 bytes and span_id 8 bytes';
  const start = nanos(span.startTimeUnixNano);
  const end = nanos(span.endTimeUnixNano);
  if (start === null || end === null) return 'start or end time is not an integer';
  let httpStatus: number | undefined;
  let errorType: string | undefined;
  for (const { key, value } of span.attributes ?? []) {
    if (key === 'http.response.status_code' || (key === 'http.status_code' && !httpStatus))
      httpStatus = numberOf(value);
    else if (key === 'error.type') errorType = textOf(value);
  }
  const failed =
    span.status?.code === STATUS_CODE_ERROR || (httpStatus !== undefined && httpStatus >= 500);
  return {
    id: traceId + spanId,
    ts: Number(start / NANOS_PER_MS),
    segment: scope.segment,
    entity: scope.entity,
    kind: 'request',
    status: failed ? 'error' : 'ok',
    errorClass: failed
      ? (errorType || exceptionType(span) || (httpStatus ? String(httpStatus) : 'error')).slice(
          0,
          ERROR_CLASS_MAX,
        )
      : null,
    latencyMs: Number(end - start) / 1e6,
    message: span.name ? span.name.slice(0, MESSAGE_MAX) : null,
    traceId,
  };
}

function exceptionType(span: OtlpSpan): string | undefined {
  for (const event of span.events ?? []) {
    if (event.name !== 'exception') continue;
    for (const { key, value } of event.attributes ?? [])
      if (key === 'exception.type') return textOf(value);
    return undefined;
  }
  return undefined;
}

function hex(id: Uint8Array | string | null | undefined): string {
  if (!id) return '';
  if (typeof id === 'string') return id.toLowerCase();
  // protobufjs hands Node Buffers out already; any other Uint8Array gets a view, not a copy.
  return (Buffer.isBuffer(id) ? id : Buffer.from(id.buffer, id.byteOffset, id.byteLength)).toString(
    'hex',
  );
}

/** Unix nanoseconds exceed 2^53: they are combined as BigInt, never through a float. */
function nanos(value: Int64 | null | undefined): bigint | null {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'object') return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  // A JSON number this large was already rounded by JSON.parse (to 256 ns at today's dates):
  // harmless for millisecond figures, so it is taken as sent.
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : null;
  return /^\d{1,20}$/.test(value) ? BigInt(value) : null;
}

/** A string attribute, or an integer one as its decimal text; anything else is no text. */
function textOf(value: OtlpAnyValue | null | undefined): string | undefined {
  if (value?.value === 'stringValue') return value.stringValue ?? undefined;
  if (value?.value === 'intValue') return String(value.intValue);
  return undefined;
}

/** An integer or double attribute, or a string holding a number (some senders stringify codes). */
function numberOf(value: OtlpAnyValue | null | undefined): number | undefined {
  const member = value?.value;
  if (!member || member === 'boolValue') return undefined;
  const raw = value[member];
  // Read from the two halves: exact for any code that fits a double, and no string round trip.
  const number =
    typeof raw === 'object' && raw !== null
      ? raw.high * 4_294_967_296 + (raw.low >>> 0)
      : Number(raw);
  return Number.isFinite(number) ? number : undefined;
}
