import { z } from 'zod';
import { LatencySummarySchema, SegmentHealthSchema } from './overview.ts';
import { SlugSchema } from './ingest.ts';
import { envelopeSchema } from './api-envelope.ts';
import { AnnotationSchema } from './annotations.ts';
import { QualitySummarySchema } from './quality.ts';

export { AnnotationSchema, type Annotation } from './annotations.ts';

/** One bucket of one scope. Buckets without data are absent (gaps), never zero-filled. */
export const SeriesPointSchema = z.object({
  ts: z.number().int(),
  /** The bucket extends past the quality watermark: it may still change. */
  partial: z.boolean(),
  requests: z.number().int().nonnegative(),
  ratePerSecond: z.number().nonnegative(),
  errors: z.number().int().nonnegative(),
  errorRatio: z.number().min(0).max(1).nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  gaugeAvg: z.number().nullable(),
  gaugeMin: z.number().nullable(),
  gaugeMax: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const SERIES_METRICS = [
  'rate',
  'errors',
  'errorRatio',
  'p50',
  'p95',
  'p99',
  'gauge',
] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

export const SeriesQuerySchema = z
  .object({
    scope: z.enum(['fleet', 'segment', 'entity']),
    id: SlugSchema.optional(),
    metrics: z
      .string()
      .max(200)
      .optional()
      .transform((value, ctx) => {
        if (!value) return [...SERIES_METRICS];
        const names = value.split(',').map((name) => name.trim());
        const unknown = names.filter(
          (name) => !(SERIES_METRICS as readonly string[]).includes(name),
        );
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown metric(s) ${unknown.join(', ')}; known: ${SERIES_METRICS.join(', ')}`,
          });
          return z.NEVER;
        }
        return names as SeriesMetric[];
      }),
  })
  .refine((q) => (q.scope === 'fleet') === (q.id === undefined), {
    message: 'id is required for segment and entity scope, and not allowed for fleet',
    path: ['id'],
  });

export const SeriesSchema = z.object({
  scope: z.enum(['fleet', 'segment', 'entity']),
  id: z.string().nullable(),
  metrics: z.array(z.enum(SERIES_METRICS)),
  /** Only the requested metrics are filled; the others are null. */
  points: z.array(SeriesPointSchema),
});
export type Series = z.infer<typeof SeriesSchema>;
export const SeriesResponseSchema = envelopeSchema(SeriesSchema);

/** [bucket start, requests, errors]: small enough for a sparkline per entity. */
export const SparkPointSchema = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

export const EntityContributionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  errorRatio: z.number().nullable(),
  p95Ms: z.number().nullable(),
  previous: z.object({
    requests: z.number().int(),
    errors: z.number().int(),
    p95Ms: z.number().nullable(),
  }),
  /** Errors in the window beyond those of the preceding window of equal length. */
  errorsAdded: z.number().int(),
  /** Extra waiting the entity's traffic caused versus its own mean latency in the preceding window, in ms. */
  latencyAddedMs: z.number(),
  /** Share of the segment's added errors plus share of its added latency (0–2); the ranking key. */
  contribution: z.number(),
  silent: z.boolean(),
  lastSeenAt: z.number().int().nullable(),
  /** This entity's own data quality in the window (silence, pending data), in one line. */
  quality: QualitySummarySchema,
  sparkline: z.array(SparkPointSchema),
});
export type EntityContribution = z.infer<typeof EntityContributionSchema>;

export const SegmentDetailSchema = z.object({
  window: z.object({ from: z.number().int(), to: z.number().int() }),
  /**
   * The preceding window of equal length the entities are ranked against. Its series is not part
   * of this answer: a chart comparing with it asks /series for this window when it is shown.
   */
  previousWindow: z.object({ from: z.number().int(), to: z.number().int() }),
  segment: SegmentHealthSchema,
  series: z.array(SeriesPointSchema),
  entities: z.array(EntityContributionSchema),
  /** Bucket size of every entity's sparkline (see sparklinePlan): about one point per pixel of a table cell. */
  sparklineBucketMs: z.number().int().positive(),
  /**
   * Marks touching the window on the segment, its entities or the whole fleet (flagged events,
   * changes, alert episodes, control actions), in time order: flags and bands on its charts.
   */
  annotations: z.array(AnnotationSchema),
});
export type SegmentDetail = z.infer<typeof SegmentDetailSchema>;
export const SegmentDetailResponseSchema = envelopeSchema(SegmentDetailSchema);

export const EntityDetailSchema = z.object({
  window: z.object({ from: z.number().int(), to: z.number().int() }),
  entity: z.object({
    id: z.string(),
    segment: z.string(),
    segmentName: z.string(),
    kind: z.string(),
    state: z.string(),
    lastSeenAt: z.number().int().nullable(),
    silent: z.boolean(),
    requests: z.number().int(),
    ratePerSecond: z.number(),
    errors: z.number().int(),
    errorRatio: z.number().nullable(),
    latency: LatencySummarySchema,
    hasGauge: z.boolean(),
  }),
  series: z.array(SeriesPointSchema),
  /** Marks touching the window on the entity, on its segment without an entity, or fleet-wide. */
  annotations: z.array(AnnotationSchema),
});
export type EntityDetail = z.infer<typeof EntityDetailSchema>;
export const EntityDetailResponseSchema = envelopeSchema(EntityDetailSchema);
