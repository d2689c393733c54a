import { z } from 'zod';

export const QUALITY_STATES = ['ok', 'degraded', 'unsafe'] as const;
export type QualityState = (typeof QUALITY_STATES)[number];

export const QualityReasonSchema = z.object({
  code: z.enum(['lag', 'worker_stalled', 'worker_failing', 'database_outage', 'reconciliation_mismatch', 'ingest_gap', 'partial', 'pending']),
  severity: z.enum(QUALITY_STATES),
  message: z.string(),
});
export type QualityReason = z.infer<typeof QualityReasonSchema>;

/** How fresh and complete the data behind a response is. */
export const QualitySchema = z.object({
  state: z.enum(QUALITY_STATES),
  freshnessLagSeconds: z.number().nonnegative(),
  completeness: z.number().min(0).max(1),
  /** Event time up to which every bucket is final; newer buckets are partial. */
  watermark: z.number().int().nullable(),
  reasons: z.array(QualityReasonSchema),
});
export type Quality = z.infer<typeof QualitySchema>;

export const WorkerRunSchema = z.object({
  id: z.number().int(),
  workerId: z.string(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  status: z.enum(['running', 'ok', 'failed']),
  failureClass: z.string().nullable(),
  rowsIn: z.number().int(),
  rowsOut: z.number().int(),
  bucketsRecomputed: z.number().int(),
  lagMs: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  watermark: z.number().int().nullable(),
});
export type WorkerRun = z.infer<typeof WorkerRunSchema>;

export const ReconciliationSummarySchema = z.object({
  ranAt: z.number().int(),
  horizonFrom: z.number().int(),
  horizonTo: z.number().int(),
  entityHoursChecked: z.number().int(),
  mismatches: z.array(
    z.object({
      entity: z.string(),
      hour: z.number().int(),
      rawCount: z.number().int(),
      minuteRollupCount: z.number().int(),
      hourRollupCount: z.number().int(),
    }),
  ),
});
export type ReconciliationSummary = z.infer<typeof ReconciliationSummarySchema>;

export const QualityReportSchema = QualitySchema.extend({
  lastRun: WorkerRunSchema.nullable(),
  reconciliation: ReconciliationSummarySchema.nullable(),
  pendingBuckets: z.number().int().nonnegative(),
});
export type QualityReport = z.infer<typeof QualityReportSchema>;

