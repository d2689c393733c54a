import { z } from 'zod';
import type { OtlpAnyValue, OtlpTraceRequest } from './otlp-messages.ts';

/**
 * OTLP/JSON (the proto3 JSON mapping with OTLP's deviations): lowerCamelCase keys, trace and span
 * ids as hex, enums as integers, 64-bit integers as decimal strings or numbers. Unknown keys are
 * dropped, as the specification requires of receivers.
 */
const Int64 = z.union([z.string().regex(/^-?\d{1,20}$/, 'must be a decimal integer'), z.number()]);
const HexId = z.string().regex(/^[0-9a-fA-F]*$/, 'must be hex');

const ANY_VALUE_MEMBERS = ['stringValue', 'boolValue', 'intValue', 'doubleValue'] as const;

const AnyValue = z
  .object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: Int64.optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
  })
  .transform((value): OtlpAnyValue => ({
    ...value,
    doubleValue: value.doubleValue === undefined ? undefined : Number(value.doubleValue),
    value: ANY_VALUE_MEMBERS.find((member) => value[member] !== undefined) ?? null,
  }));

const KeyValue = z.object({ key: z.string(), value: AnyValue.nullish() });
const Attributes = z
  .array(KeyValue)
  .nullish()
  .transform((list) => list ?? []);

const Span = z.object({
  traceId: HexId.default(''),
  spanId: HexId.default(''),
  name: z.string().default(''),
  kind: z.number().int().default(0),
  startTimeUnixNano: Int64.default('0'),
  endTimeUnixNano: Int64.default('0'),
  attributes: Attributes,
  events: z
    .array(z.object({ name: z.string().default(''), attributes: Attributes }))
    .nullish()
    .transform((list) => list ?? []),
  status: z.object({ code: z.number().int().default(0), message: z.string().optional() }).nullish(),
});

const TraceRequest = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: Attributes }).nullish(),
        scopeSpans: z
          .array(
            z.object({
              spans: z
                .array(Span)
                .nullish()
                .transform((list) => list ?? []),
            }),
          )
          .nullish()
          .transform((list) => list ?? []),
      }),
    )
    .nullish()
    .transform((list) => list ?? []),
});

/** Decodes an OTLP/JSON ExportTraceServiceRequest; throws an Error naming the first bad field. */
export function decodeTraceRequestJson(body: Uint8Array): OtlpTraceRequest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    throw new Error('The body is not JSON');
  }
  const parsed = TraceRequest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(body)';
    throw new Error(`${field}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
