import type {
  Coverage,
  PeriodComparison,
  PeriodFigures,
  SegmentTrend,
} from '@watchfloor/shared/trends/api';

const DAY = 86_400_000;
const FULL: Coverage = { elapsedHours: 168, hoursWithData: 168, share: 1 };

/** One period's figures for tests: 1 % of 1,000 requests failed, a tenth of minutes slow. */
export function figures(overrides: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    requests: 1_000,
    errors: 10,
    availability: 0.99,
    meetsSlo: false,
    latency: { resolution: '1m', judged: 10, met: 9, compliance: 0.9 },
    budget: { allowed: 5, spent: 10, remaining: -5, remainingShare: -1 },
    incidents: 1,
    mttrMs: 60_000,
    actions: 0,
    incidentsWithAction: 0,
    coverage: FULL,
    ...overrides,
  };
}

export const COMPARABLE: PeriodComparison = {
  comparable: true,
  code: null,
  reason: null,
  deltas: {
    availability: -0.005,
    latencyCompliance: 0.1,
    budgetSpent: 4,
    budgetRemainingShare: -0.5,
    incidents: 1,
    mttrMs: 30_000,
    actions: 0,
  },
};

export const THIN: PeriodComparison = {
  comparable: false,
  code: 'thin_history',
  reason:
    'Not enough history to compare: the previous period has data in 23.8 % of its hours, this one in 100 %; comparing needs at least 80 % of this period’s coverage.',
  deltas: {
    availability: null,
    latencyCompliance: null,
    budgetSpent: null,
    budgetRemainingShare: null,
    incidents: null,
    mttrMs: null,
    actions: null,
  },
};

/** A segment's trend for tests; the previous period is a full, successful one unless told otherwise. */
export function segmentTrend(
  slug: string,
  options: {
    remainingShare?: number | null;
    previous?: Partial<PeriodFigures>;
    comparison?: PeriodComparison;
  } = {},
): SegmentTrend {
  const remainingShare = options.remainingShare === undefined ? -1 : options.remainingShare;
  return {
    slug,
    name: slug,
    owner: null,
    slo: { availability: 0.995, latencyP95Ms: 300 },
    current: figures({ budget: { allowed: 5, spent: 10, remaining: -5, remainingShare } }),
    previous: figures({
      availability: 1,
      errors: 0,
      budget: { allowed: 5, spent: 0, remaining: 5, remainingShare: 1 },
      ...options.previous,
    }),
    comparison: options.comparison ?? COMPARABLE,
    daily: [
      { ts: 0, requests: 500, errors: 0, availability: 1 },
      { ts: DAY, requests: 500, errors: 10, availability: 0.98 },
    ],
    burnDown: [
      { ts: DAY, remainingShare: 1 },
      { ts: 2 * DAY, remainingShare },
    ],
    alerts: [],
  };
}
