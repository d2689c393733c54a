import type { OtlpEncoding } from './otlp-body.ts';
import { ExportTraceServiceResponse, RpcStatus } from './otlp-messages.ts';

export const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** google.rpc.Code values named in answers (the OTLP specification lets clients ignore them). */
export const RPC_CODE = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** ExportTraceServiceResponse; partial_success stays unset when every span was taken. */
export function encodeExportResponse(
  encoding: OtlpEncoding,
  partial: PartialSuccess | null,
): Uint8Array<ArrayBuffer> | string {
  if (encoding === 'json')
    return JSON.stringify(
      partial
        ? {
            partialSuccess: {
              // int64 in the proto3 JSON mapping: a decimal string.
              rejectedSpans: String(partial.rejectedSpans),
              errorMessage: partial.errorMessage,
            },
          }
        : {},
    );
  return new Uint8Array(
    ExportTraceServiceResponse.encode(
      ExportTraceServiceResponse.fromObject(partial ? { partialSuccess: partial } : {}),
    ).finish(),
  );
}

/** google.rpc.Status, the body of every 4xx and 5xx answer. */
export function encodeStatus(
  encoding: OtlpEncoding,
  code: number,
  message: string,
): Uint8Array<ArrayBuffer> | string {
  if (encoding === 'json') return JSON.stringify({ code, message });
  return new Uint8Array(RpcStatus.encode(RpcStatus.fromObject({ code, message })).finish());
}
