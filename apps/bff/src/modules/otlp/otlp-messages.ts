import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

/** 64-bit integers as protobufjs yields them (long.js objects), or as OTLP/JSON sends them. */
export type Int64 = protobuf.Long | number | string;

/**
 * AnyValue's oneof. protobufjs gives unset members their default (0, "", false), so `value` names
 * the member that was sent; the JSON decoder sets it the same way.
 */
export interface OtlpAnyValue {
  value?: 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | null;
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: Int64 | null;
  doubleValue?: number | null;
}

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue | null;
}

export interface OtlpSpan {
  /** Bytes from protobuf; a hex string from OTLP/JSON. */
  traceId: Uint8Array | string;
  spanId: Uint8Array | string;
  name: string;
  kind: number;
  startTimeUnixNano: Int64;
  endTimeUnixNano: Int64;
  attributes: OtlpKeyValue[];
  events: { name: string; attributes: OtlpKeyValue[] }[];
  status?: { code: number; message?: string } | null;
}

export interface OtlpResourceSpans {
  resource?: { attributes: OtlpKeyValue[] } | null;
  scopeSpans: { spans: OtlpSpan[] }[];
}

/** ExportTraceServiceRequest, reduced to the fields Watchfloor reads. */
export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}

export const SPAN_KIND = { SERVER: 2, CONSUMER: 5 } as const;
export const STATUS_CODE_ERROR = 2;

const root = protobuf.parse(
  readFileSync(new URL('./proto/otlp-traces.proto', import.meta.url), 'utf8'),
  { keepCase: false },
).root;

const type = (name: string) => root.lookupType(`opentelemetry.proto.${name}`);

export const ExportTraceServiceRequest = type('ExportTraceServiceRequest');
export const ExportTraceServiceResponse = type('ExportTraceServiceResponse');
/** google.rpc.Status: the body of every 4xx and 5xx answer. */
export const RpcStatus = type('RpcStatus');

/** Decodes a binary ExportTraceServiceRequest; throws on a body that is not one. */
export function decodeTraceRequest(body: Uint8Array): OtlpTraceRequest {
  return ExportTraceServiceRequest.decode(body) as unknown as OtlpTraceRequest;
}
