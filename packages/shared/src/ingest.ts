import { z } from 'zod';

export const EVENT_KINDS = ['request', 'job', 'heartbeat', 'log', 'alert', 'gauge'] as const;
export const EVENT_STATUSES = ['ok', 'error'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Kinds that count as traffic for rate, errors and duration (RED). */
export const TRAFFIC_KINDS: readonly EventKind[] = ['request', 'job'];

export const INGEST_MAX_EVENTS = 5_000;
export const INGEST_MAX_BYTES = 5 * 1024 * 1024;
export const INGEST_MAX_FUTURE_MS = 5 * 60_000;
export const ATTRS_MAX_KEYS = 32;

/** Lowercase slug: letters, digits, dashes, underscores, dots; starts with a letter or digit. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a lowercase slug (a-z, 0-9, ".", "_", "-")');

/** ISO 8601 string or epoch milliseconds, normalised to epoch milliseconds. */
export const TimestampSchema = z
  .union([
    z.number().int().nonnegative().max(8.64e15),
    z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/,
        'must be ISO 8601 with a time zone',
      )
      .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a valid date'),
  ])
  .transform((value) => (typeof value === 'number' ? value : Date.parse(value)));

/** A lone UTF-16 surrogate: it has no UTF-8 form, so the database would store it as U+FFFD. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A client-chosen identifier in canonical form: compared byte for byte, never trimmed or padded.
 * Leading/trailing whitespace (which the database's PAD SPACE collations ignore) and unpaired
 * surrogates (which have no UTF-8 form) are refused rather than silently merged with another id.
 */
export const CanonicalIdSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  .refine((value) => !UNPAIRED_SURROGATE.test(value), 'must not contain an unpaired surrogate');

/** A W3C / OpenTelemetry trace id: 16 bytes as 32 lowercase hex digits, not all zero. */
export const TraceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits')
  .refine((id) => !/^0+$/.test(id), 'must not be all zeros');

const AttrValueSchema = z.union([z.string().max(256), z.number().finite(), z.boolean(), z.null()]);

export const IngestEventSchema = z.strictObject({
  id: CanonicalIdSchema,
  ts: TimestampSchema,
  segment: SlugSchema,
  entity: SlugSchema,
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  errorClass: z.string().min(1).max(64).nullish(),
  latencyMs: z.number().finite().nonnegative().max(86_400_000).nullish(),
  value: z.number().finite().nullish(),
  message: z.string().max(1024).nullish(),
  /** The W3C trace id (32 lowercase hex digits) of the request, when it was traced. */
  traceId: TraceIdSchema.nullish(),
  attrs: z
    .record(z.string().min(1).max(64), AttrValueSchema)
    .refine(
      (attrs) => Object.keys(attrs).length <= ATTRS_MAX_KEYS,
      `must have at most ${ATTRS_MAX_KEYS} keys`,
    )
    .nullish(),
});
export type IngestEventInput = z.input<typeof IngestEventSchema>;
export type IngestEvent = z.output<typeof IngestEventSchema>;

/** The envelope is checked before any item: a malformed envelope is a 422 and nothing is written. */
export const IngestEnvelopeSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(INGEST_MAX_EVENTS),
});

export const INGEST_REJECTION_CODES = [
  'invalid_field',
  'ts_in_future',
  'ts_too_old',
  'cardinality_limit',
  'segment_conflict',
] as const;

export const IngestRejectionSchema = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  code: z.enum(INGEST_REJECTION_CODES),
  field: z.string().optional(),
  message: z.string(),
});
export type IngestRejection = z.infer<typeof IngestRejectionSchema>;

export const IngestResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(IngestRejectionSchema),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;
