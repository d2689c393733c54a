/**
 * Burn-rate alerting as the Google SRE workbook ("Alerting on SLOs", multiwindow, multi-burn-rate
 * alerts) recommends for a 30-day budget: an alert fires only when both its long and its short
 * window burn faster than the threshold, so it fires fast on a real burn and resets soon after.
 */

export const BURN_WINDOWS_MS = {
  '5m': 5 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '3d': 3 * 86_400_000,
} as const;
export type BurnWindow = keyof typeof BURN_WINDOWS_MS;
export const BURN_WINDOW_NAMES = Object.keys(BURN_WINDOWS_MS) as BurnWindow[];

export interface BurnAlertRule {
  name: 'page-fast' | 'page-slow' | 'ticket';
  severity: 'page' | 'ticket';
  threshold: number;
  long: BurnWindow;
  short: BurnWindow;
  /** Share of a 30-day budget spent by the time the long window fires. */
  budgetConsumed: number;
}

/** The workbook's recommended thresholds: 2 % of the budget in 1 h, 5 % in 6 h, 10 % in 3 days. */
export const BURN_ALERT_RULES: readonly BurnAlertRule[] = [
  {
    name: 'page-fast',
    severity: 'page',
    threshold: 14.4,
    long: '1h',
    short: '5m',
    budgetConsumed: 0.02,
  },
  {
    name: 'page-slow',
    severity: 'page',
    threshold: 6,
    long: '6h',
    short: '30m',
    budgetConsumed: 0.05,
  },
  {
    name: 'ticket',
    severity: 'ticket',
    threshold: 1,
    long: '3d',
    short: '6h',
    budgetConsumed: 0.1,
  },
];

export interface Counts {
  requests: number;
  errors: number;
}

/**
 * How many times faster than sustainable the budget is being spent: the error ratio divided by
 * the budget rate (1 − SLO). 1 spends exactly the budget over the period; null without traffic.
 */
export function burnRate(counts: Counts, sloAvailability: number): number | null {
  const budgetRate = 1 - sloAvailability;
  if (counts.requests <= 0 || budgetRate <= 0) return null;
  return counts.errors / counts.requests / budgetRate;
}

export interface BurnAlertState {
  rule: BurnAlertRule['name'];
  severity: BurnAlertRule['severity'];
  threshold: number;
  long: { window: BurnWindow; burnRate: number | null; requests: number; errors: number };
  short: { window: BurnWindow; burnRate: number | null; requests: number; errors: number };
  firing: boolean;
}

/** Every rule evaluated on the counts of each window ending at the same instant. */
export function evaluateBurnAlerts(
  windows: Record<BurnWindow, Counts>,
  sloAvailability: number,
): BurnAlertState[] {
  return BURN_ALERT_RULES.map((rule) => {
    const side = (window: BurnWindow) => ({
      window,
      burnRate: burnRate(windows[window], sloAvailability),
      ...windows[window],
    });
    const long = side(rule.long);
    const short = side(rule.short);
    const above = (rate: number | null) => rate !== null && rate > rule.threshold;
    return {
      rule: rule.name,
      severity: rule.severity,
      threshold: rule.threshold,
      long,
      short,
      firing: above(long.burnRate) && above(short.burnRate),
    };
  });
}
