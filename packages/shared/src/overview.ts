import { z } from 'zod';
import { AnnotationSchema } from './annotations.ts';
import { envelopeSchema } from './api-envelope.ts';
import { QualitySummarySchema } from './quality.ts';

/** Health of one segment over a window; HEALTH_RANK orders them worst first. */
export const HEALTH_STATUSES = ['ok', 'warning', 'critical', 'silent'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export const HealthStatusSchema = z.enum(HEALTH_STATUSES);

/**
 * Worst first is critical, then silent, then warning. Silence ranks above a warning because an
 * absent signal may hide anything, but below critical, where failure is measured, not inferred.
 */
export const HEALTH_RANK: Record<HealthStatus, number> = {
  critical: 3,
  silent: 2,
  warning: 1,
  ok: 0,
};

/** The words both the API and the UI use for each status; status is never shown by colour alone. */
export const HEALTH_LABELS: Record<HealthStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  silent: 'Silent',
};

/** Thresholds of the health rules, defined once for the BFF and the SPA. */
export const HEALTH_RULES = {
  /** An error ratio at or above this is critical whatever the SLO. */
  criticalErrorRatio: 0.05,
  /** Failing more than this many times the error budget (1 − SLO) is critical. */
  criticalBudgetMultiple: 10,
  /** Entities that sent nothing for this long before the window's end make the segment silent. */
  silenceMs: 5 * 60_000,
} as const;

export interface HealthInput {
  requests: number;
  errors: number;
  p95Ms: number | null;
  sloAvailability: number;
  sloLatencyP95Ms: number;
  /** Entities expected to report (active ones); zero means silence is not a failure. */
  activeEntities: number;
  /** Active entities that stopped sending (each judged against its own cadence). */
  silentEntities: number;
  /** Latest evidence of any event (rolled up or still pending); null when none in the window. */
  lastSignalAt: number | null;
  /** The instant silence is judged at: the window's end, never later than now. */
  windowEnd: number;
}

export interface HealthVerdict {
  status: HealthStatus;
  /** Every rule that fired, worst first, in words an operator can act on. */
  reason: string;
}

const pct = (ratio: number) => `${(Math.round(ratio * 10_000) / 100).toString()} %`;
const ms = (value: number) =>
  value >= 1_000
    ? `${(Math.round(value / 100) / 10).toString()} s`
    : `${Math.round(value).toString()} ms`;

/** The one definition of segment health: critical, silent, warning or ok, with the reason why. */
export function assessHealth(input: HealthInput): HealthVerdict {
  const findings: { status: HealthStatus; message: string }[] = [];
  const ratio = input.requests > 0 ? input.errors / input.requests : null;
  const budget = 1 - input.sloAvailability;
  if (ratio !== null) {
    const availability = 1 - ratio;
    if (ratio >= HEALTH_RULES.criticalErrorRatio) {
      findings.push({
        status: 'critical',
        message: `Error ratio ${pct(ratio)} is at or above the ${pct(HEALTH_RULES.criticalErrorRatio)} critical limit`,
      });
    } else if (ratio > budget * HEALTH_RULES.criticalBudgetMultiple) {
      findings.push({
        status: 'critical',
        message: `Availability ${pct(availability)} misses the ${pct(input.sloAvailability)} SLO by more than ${HEALTH_RULES.criticalBudgetMultiple}× its error budget`,
      });
    } else if (availability < input.sloAvailability) {
      findings.push({
        status: 'warning',
        message: `Availability ${pct(availability)} is below the ${pct(input.sloAvailability)} SLO`,
      });
    }
  }
  if (input.p95Ms !== null && input.p95Ms > input.sloLatencyP95Ms) {
    findings.push({
      status: 'warning',
      message: `p95 latency ${ms(input.p95Ms)} is above the ${ms(input.sloLatencyP95Ms)} target`,
    });
  }
  const silentSince = input.windowEnd - HEALTH_RULES.silenceMs;
  if (
    input.activeEntities > 0 &&
    (input.lastSignalAt === null || input.lastSignalAt < silentSince)
  ) {
    const minutes = Math.round(HEALTH_RULES.silenceMs / 60_000);
    findings.push({
      status: 'silent',
      message:
        input.lastSignalAt === null
          ? `No events from its ${input.activeEntities} active entities in this window`
          : `No events from its ${input.activeEntities} active entities in the last ${minutes} minutes of the window`,
    });
  }
  const someSilent = input.silentEntities > 0 && !findings.some((f) => f.status === 'silent');
  if (someSilent) {
    findings.push({
      status: 'warning',
      message: `${input.silentEntities} of its ${input.activeEntities} active entit${input.activeEntities === 1 ? 'y has' : 'ies have'} stopped sending`,
    });
  }
  if (findings.length === 0) {
    const parts = [
      ratio === null
        ? 'No traffic in this window'
        : `Availability ${pct(1 - ratio)} meets the ${pct(input.sloAvailability)} SLO`,
    ];
    if (input.p95Ms !== null)
      parts.push(`p95 ${ms(input.p95Ms)} within ${ms(input.sloLatencyP95Ms)}`);
    return { status: 'ok', reason: parts.join('; ') };
  }
  findings.sort((a, b) => HEALTH_RANK[b.status] - HEALTH_RANK[a.status]);
  return { status: findings[0]!.status, reason: findings.map((f) => f.message).join('; ') };
}

export const LatencySummarySchema = z.object({
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  p99Ms: z.number().nonnegative().nullable(),
});
export type LatencySummary = z.infer<typeof LatencySummarySchema>;

/** RED figures for one segment over the window, against its SLO. */
export const SegmentHealthSchema = z.object({
  slug: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  entities: z.number().int().nonnegative(),
  activeEntities: z.number().int().nonnegative(),
  /** Active entities with no signal in the last minutes of the window: absence of signal is a failure. */
  silentEntities: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  ratePerSecond: z.number().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Null when there was no traffic: no traffic is not "0 % errors". */
  errorRatio: z.number().min(0).max(1).nullable(),
  latency: LatencySummarySchema,
  availability: z.number().min(0).max(1).nullable(),
  slo: z.object({ availability: z.number(), latencyP95Ms: z.number() }),
  lastEventAt: z.number().int().nullable(),
  status: HealthStatusSchema,
  reason: z.string(),
  /**
   * The same verdict over the last QUALITY_RULES.nowWindowMs before now, whatever the window: a
   * long window must never hide a live incident. Null when the window ends in the past.
   */
  now: z
    .object({
      status: HealthStatusSchema,
      reason: z.string(),
      errorRatio: z.number().min(0).max(1).nullable(),
      requests: z.number().int().nonnegative(),
    })
    .nullable(),
  /** How far this segment's own data in the window can be trusted. */
  quality: QualitySummarySchema,
});
export type SegmentHealth = z.infer<typeof SegmentHealthSchema>;

/** One fleet bucket. Buckets without data are absent (gaps), never zero-filled. */
export const FleetPointSchema = z.object({
  ts: z.number().int(),
  ratePerSecond: z.number().nonnegative(),
  errors: z.number().int().nonnegative(),
  p95Ms: z.number().nonnegative().nullable(),
  /** The bucket extends past the quality watermark: it may still change. */
  partial: z.boolean(),
});
export type FleetPoint = z.infer<typeof FleetPointSchema>;

export const FleetSummarySchema = z.object({
  requests: z.number().int().nonnegative(),
  ratePerSecond: z.number().nonnegative(),
  errors: z.number().int().nonnegative(),
  errorRatio: z.number().min(0).max(1).nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  /** Segments per window status. */
  statusCounts: z.object({
    ok: z.number().int(),
    warning: z.number().int(),
    critical: z.number().int(),
    silent: z.number().int(),
  }),
  /** Segments per "now" status (last QUALITY_RULES.nowWindowMs); null when the window ends in the past. */
  nowCounts: z
    .object({
      ok: z.number().int(),
      warning: z.number().int(),
      critical: z.number().int(),
      silent: z.number().int(),
    })
    .nullable(),
  /** Active entities across the fleet that stopped sending (entities, not segments). */
  silentEntities: z.number().int().nonnegative(),
  series: z.array(FleetPointSchema),
});
export type FleetSummary = z.infer<typeof FleetSummarySchema>;

/** `GET /api/v1/overview` data: every segment's health (worst first) and the fleet series. */
export const OverviewSchema = z.object({
  window: z.object({ from: z.number().int(), to: z.number().int() }),
  segments: z.array(SegmentHealthSchema),
  fleet: FleetSummarySchema,
  /**
   * Every mark touching the window, whatever its scope (flagged events, changes, alert episodes,
   * control actions), in time order: flags and bands on the fleet chart.
   */
  annotations: z.array(AnnotationSchema),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const OverviewResponseSchema = envelopeSchema(OverviewSchema);
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;

/** Worst "now" first (the window's status where there is no "now"), then the window's status. */
export function compareSegmentNow(
  a: Pick<SegmentHealth, 'now' | 'status' | 'errorRatio' | 'slug'>,
  b: Pick<SegmentHealth, 'now' | 'status' | 'errorRatio' | 'slug'>,
): number {
  const rank = (s: Pick<SegmentHealth, 'now' | 'status'>) => HEALTH_RANK[s.now?.status ?? s.status];
  return (
    rank(b) - rank(a) ||
    (b.now?.errorRatio ?? -1) - (a.now?.errorRatio ?? -1) ||
    compareSegmentHealth(a, b)
  );
}

/** Worst first: status rank, then error ratio, then slug so the order is stable. */
export function compareSegmentHealth(
  a: Pick<SegmentHealth, 'status' | 'errorRatio' | 'slug'>,
  b: Pick<SegmentHealth, 'status' | 'errorRatio' | 'slug'>,
): number {
  return (
    HEALTH_RANK[b.status] - HEALTH_RANK[a.status] ||
    (b.errorRatio ?? -1) - (a.errorRatio ?? -1) ||
    a.slug.localeCompare(b.slug)
  );
}
