import { z } from 'zod';
import { envelopeSchema } from '../api-envelope.ts';
import { QueryInstantSchema, type TimeWindow } from '../time-window.ts';
import { ACTION_TYPES } from '../actions/catalogue.ts';
import { BURN_WINDOW_NAMES } from './burn-rate.ts';
import {
  MAX_TREND_WINDOW_MS,
  MIN_TREND_WINDOW_MS,
  PRESET_PERIOD_MS,
  TREND_PERIODS,
  type TrendPeriod,
} from './period.ts';

export interface TrendsRequest {
  period: TrendPeriod;
  window: TimeWindow;
}

/**
 * `GET /api/v1/trends?period=7d|30d|90d|custom&from=&to=`. A preset ends at `to` (default now);
 * custom needs both `from` and `to`. Windows span 1 hour to 90 days.
 */
export const TrendsQuerySchema = z
  .object({
    period: z.enum(TREND_PERIODS).default('30d'),
    from: QueryInstantSchema.optional(),
    to: QueryInstantSchema.optional(),
  })
  .transform((value, ctx): TrendsRequest => {
    if (value.period === 'custom') {
      if (value.from === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['from'],
          message: 'is required when period is custom',
        });
      if (value.to === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'is required when period is custom',
        });
    } else if (value.from !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `is only allowed with period=custom; ${value.period} ends at to (default now)`,
      });
    }
    const to = value.to ?? Date.now();
    const from =
      value.period === 'custom'
        ? (value.from ?? to - MIN_TREND_WINDOW_MS)
        : to - PRESET_PERIOD_MS[value.period];
    if (to <= from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
    else if (to - from < MIN_TREND_WINDOW_MS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'window must span at least 1 hour' });
    else if (to - from > MAX_TREND_WINDOW_MS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'window must span at most 90 days' });
    return { period: value.period, window: { from, to } };
  });

const WindowSchema = z.object({ from: z.number().int(), to: z.number().int() });

export const BudgetSchema = z.object({
  allowed: z.number().nonnegative(),
  spent: z.number().int().nonnegative(),
  remaining: z.number(),
  remainingShare: z.number().nullable(),
});

/**
 * How much of a period has data: of the UTC hours it overlaps that have started (up to now; all of
 * them once it has ended), those in which the segment had any event. A partly included first hour
 * and a last hour under way each count as one. Counted from hour rollups.
 */
export const CoverageSchema = z.object({
  elapsedHours: z.number().int().nonnegative(),
  hoursWithData: z.number().int().nonnegative(),
  /** hoursWithData ÷ elapsedHours; null when no hour of the period has started yet. */
  share: z.number().min(0).max(1).nullable(),
});
export type Coverage = z.infer<typeof CoverageSchema>;

/**
 * Every figure of one segment for one period; the same shape for the previous period gives the
 * deltas. Figures come only from minutes with data (availability is null without traffic, never 1).
 */
export const PeriodFiguresSchema = z.object({
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  availability: z.number().min(0).max(1).nullable(),
  meetsSlo: z.boolean().nullable(),
  latency: z.object({
    resolution: z.enum(['1m', '1h']),
    judged: z.number().int().nonnegative(),
    met: z.number().int().nonnegative(),
    compliance: z.number().min(0).max(1).nullable(),
  }),
  budget: BudgetSchema,
  /** Incidents that started in the period. */
  incidents: z.number().int().nonnegative(),
  mttrMs: z.number().nonnegative().nullable(),
  actions: z.number().int().nonnegative(),
  incidentsWithAction: z.number().int().nonnegative(),
  coverage: CoverageSchema,
});
export type PeriodFigures = z.infer<typeof PeriodFiguresSchema>;

/** Current minus previous, for each figure the page compares; null when either side is missing or the periods are not comparable. */
export const PeriodDeltasSchema = z.object({
  availability: z.number().nullable(),
  latencyCompliance: z.number().nullable(),
  budgetSpent: z.number().nullable(),
  budgetRemainingShare: z.number().nullable(),
  incidents: z.number().nullable(),
  mttrMs: z.number().nullable(),
  actions: z.number().nullable(),
});
export type PeriodDeltas = z.infer<typeof PeriodDeltasSchema>;

/**
 * Whether the previous period can be compared with: only when its coverage is at least
 * `QUALITY_RULES.comparableCoverageShare` of the current period's (and the current one has data).
 * When not, every delta is null and `reason` says so in words ("Not enough history to compare: …").
 */
export const PeriodComparisonSchema = z.object({
  comparable: z.boolean(),
  /** Why not: the previous period's coverage is too thin, or the current period has no data (yet). */
  code: z.enum(['thin_history', 'no_current_data']).nullable(),
  reason: z.string().nullable(),
  deltas: PeriodDeltasSchema,
});
export type PeriodComparison = z.infer<typeof PeriodComparisonSchema>;

const BurnSideSchema = z.object({
  window: z.enum(BURN_WINDOW_NAMES as [string, ...string[]]),
  burnRate: z.number().nonnegative().nullable(),
  requests: z.number().int(),
  errors: z.number().int(),
});
export const BurnAlertSchema = z.object({
  rule: z.enum(['page-fast', 'page-slow', 'ticket']),
  severity: z.enum(['page', 'ticket']),
  threshold: z.number(),
  long: BurnSideSchema,
  short: BurnSideSchema,
  firing: z.boolean(),
});
export type BurnAlert = z.infer<typeof BurnAlertSchema>;

/** One UTC day of the window (the first and last days are clipped to it). */
export const DailyPointSchema = z.object({
  ts: z.number().int(),
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  availability: z.number().min(0).max(1).nullable(),
});

export const SegmentTrendSchema = z.object({
  slug: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  slo: z.object({ availability: z.number(), latencyP95Ms: z.number() }),
  current: PeriodFiguresSchema,
  previous: PeriodFiguresSchema,
  /** Compare current with previous only through this: deltas are withheld on thin history. */
  comparison: PeriodComparisonSchema,
  daily: z.array(DailyPointSchema),
  burnDown: z.array(z.object({ ts: z.number().int(), remainingShare: z.number().nullable() })),
  /** Burn-rate alerts evaluated at the window's end (or now, if earlier). */
  alerts: z.array(BurnAlertSchema),
});
export type SegmentTrend = z.infer<typeof SegmentTrendSchema>;

export const IncidentSchema = z.object({
  segment: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  durationMs: z.number().int().nonnegative(),
  ongoing: z.boolean(),
  breachMinutes: z.number().int().positive(),
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Control actions proposed on the segment between start and end. */
  actions: z.number().int().nonnegative(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const ACTION_OUTCOMES = [
  'executed',
  'failed',
  'rolled_back',
  'rejected',
  'expired',
  'cancelled',
  'in_flight',
] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

export const ActionWeekSchema = z.object({
  /** Monday 00:00 UTC. */
  week: z.number().int(),
  type: z.enum(ACTION_TYPES),
  outcome: z.enum(ACTION_OUTCOMES),
  count: z.number().int().positive(),
});
export type ActionWeek = z.infer<typeof ActionWeekSchema>;

export const TrendsSchema = z.object({
  period: z.enum(TREND_PERIODS),
  window: WindowSchema,
  previousWindow: WindowSchema,
  /** The instant burn-rate alerts were evaluated at. */
  alertsAt: z.number().int(),
  segments: z.array(SegmentTrendSchema),
  /** Incidents overlapping the window, newest first. */
  incidents: z.array(IncidentSchema),
  actions: z.object({
    weeks: z.array(ActionWeekSchema),
    current: z.object({
      total: z.number().int(),
      byOutcome: z.record(z.enum(ACTION_OUTCOMES), z.number().int()),
    }),
    previous: z.object({
      total: z.number().int(),
      byOutcome: z.record(z.enum(ACTION_OUTCOMES), z.number().int()),
    }),
  }),
});
export type Trends = z.infer<typeof TrendsSchema>;

export const TrendsResponseSchema = envelopeSchema(TrendsSchema);
export type TrendsResponse = z.infer<typeof TrendsResponseSchema>;
