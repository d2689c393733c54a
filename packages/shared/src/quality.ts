import { z } from 'zod';
import { SlugSchema } from './ingest.ts';

export const QUALITY_STATES = ['ok', 'degraded', 'unsafe'] as const;
export type QualityState = (typeof QUALITY_STATES)[number];

/**
 * Every reason a quality verdict can give; docs/quality.md states the rule and threshold of each.
 * - `pending`: events accepted but not yet rolled up (by event time, whatever their arrival).
 * - `partial`: only the newest, still-open minute is pending; figures there may still grow.
 * - `silent`: the scope itself (or a share of its entities) stopped sending, judged against its cadence.
 * - `ingest_gap`: a run of minutes with no (or almost no) events between minutes with events.
 * - `no_data_yet`: part of the window is in the future. `before_first_data`: part of it precedes
 *   the scope's first event. `no_data`: the window holds no events at all.
 * - `thin_history`: a comparison period has too little data to compare with.
 * - `alert_pipeline_silent`: the alerting pipeline's heartbeat alert stopped arriving, so the
 *   absence of alert bands says nothing.
 * - `cluster_lag`: the Galera node the answer was read from is not Synced, has write-sets waiting
 *   to be applied, or is held back by flow control, so figures may be behind the cluster.
 * - `backfill`: the window reaches into history that is still being back-filled (a fresh demo
 *   start serves the newest hours first), so older minutes are missing until it passes them.
 */
export const QUALITY_REASON_CODES = [
  'lag',
  'worker_stalled',
  'worker_failing',
  'database_outage',
  'reconciliation_mismatch',
  'ingest_gap',
  'partial',
  'pending',
  'silent',
  'no_data_yet',
  'before_first_data',
  'no_data',
  'thin_history',
  'alert_pipeline_silent',
  'cluster_lag',
  'backfill',
] as const;
export type QualityReasonCode = (typeof QUALITY_REASON_CODES)[number];

export const QualityReasonSchema = z.object({
  code: z.enum(QUALITY_REASON_CODES),
  severity: z.enum(QUALITY_STATES),
  message: z.string(),
  /** The exact span the reason is about (a gap, the pending minutes, the uncovered part), when it has one. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
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

/** A quality verdict in one line, for a table row (overview segment, entity row): state and its worst reason. */
export const QualitySummarySchema = z.object({
  state: z.enum(QUALITY_STATES),
  /** The worst reason in words, or a plain statement that the data is complete. */
  reason: z.string(),
});
export type QualitySummary = z.infer<typeof QualitySummarySchema>;

/** Thresholds of the quality model, defined once for the BFF, the SPA and docs/quality.md. */
export const QUALITY_RULES = {
  /** Pending (accepted, not rolled up) minutes above this share of the window's minutes: degraded. */
  pendingDegradedShare: 0.02,
  /** Part of the window before the scope's first data or in the future above this share: degraded. */
  uncoveredDegradedShare: 0.02,
  /** A comparison period must have at least this share of the current period's coverage. */
  comparableCoverageShare: 0.8,
  /** An entity is silent after max(silenceMs, silenceCadenceMultiple × its usual interval between minutes with data). */
  silenceCadenceMultiple: 3,
  /** Longest an entity may be quiet before it counts as silent, whatever its cadence. */
  maxSilenceMs: 6 * 3_600_000,
  /** A minute with fewer events than this share of the scope's median minute counts as empty (traffic fell to ~0). */
  lowTrafficShare: 0.05,
  /** A segment with at least this share of its active entities silent is unsafe (below: degraded). */
  silentShareUnsafe: 0.5,
  /** The "now" status beside every window's status covers this last stretch of time. */
  nowWindowMs: 15 * 60_000,
  /** A cluster node with more write-sets than this waiting to be applied (wsrep_local_recv_queue) makes its answers degraded. */
  clusterRecvQueueDegraded: 16,
} as const;

const SEVERITY_RANK: Record<QualityState, number> = { ok: 0, degraded: 1, unsafe: 2 };

/** The worst state among reasons; no reasons is ok. */
export function worstQualityState<R extends Pick<QualityReason, 'severity'>>(
  reasons: readonly R[],
): QualityState {
  return reasons.reduce<QualityState>(
    (worst, reason) =>
      SEVERITY_RANK[reason.severity] > SEVERITY_RANK[worst] ? reason.severity : worst,
    'ok',
  );
}

/** One line for a table row: the state and its worst reason's words. */
export function summariseQuality(quality: Pick<Quality, 'state' | 'reasons'>): QualitySummary {
  const worst = [...quality.reasons].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity],
  )[0];
  return {
    state: quality.state,
    reason: worst && worst.severity !== 'ok' ? worst.message : 'Data complete and current',
  };
}

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

/** `GET /api/v1/quality`'s scope: a segment or an entity by slug; neither means the fleet. */
export const QualityScopeQuerySchema = z.object({
  segment: SlugSchema.optional(),
  entity: SlugSchema.optional(),
});
export type QualityScopeQuery = z.infer<typeof QualityScopeQuerySchema>;
