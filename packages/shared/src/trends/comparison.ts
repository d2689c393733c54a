import { QUALITY_RULES } from '../quality.ts';
import type { TimeWindow } from '../time-window.ts';
import type { Coverage, PeriodComparison, PeriodDeltas, PeriodFigures } from './api.ts';

const MINUTE = 60_000;

/**
 * A period's coverage: of its whole minutes that have passed by `now` (all of them once it has
 * ended), how many had data. Minutes still to come are neither covered nor missing.
 */
export function coverageOf(window: TimeWindow, now: number, minutesWithData: number): Coverage {
  const end = Math.min(window.to, Math.floor(now / MINUTE) * MINUTE);
  const elapsedMinutes = Math.max(0, Math.floor((end - window.from) / MINUTE));
  const covered = Math.min(minutesWithData, elapsedMinutes);
  return { elapsedMinutes, minutesWithData: covered, share: elapsedMinutes === 0 ? null : covered / elapsedMinutes };
}

/** The span whose minutes coverageOf counts: the window up to the last whole minute before now. */
export function elapsedSpan(window: TimeWindow, now: number): TimeWindow {
  return { from: window.from, to: Math.max(window.from, Math.min(window.to, Math.floor(now / MINUTE) * MINUTE)) };
}

/** A share in words for a sentence: "12.5 %", "under 0.1 %" for a sliver, "0 %" for none. */
export function coveragePercent(share: number | null): string {
  if (share === null) return 'no elapsed minutes';
  if (share === 0) return '0 %';
  if (share < 0.001) return 'under 0.1 %';
  // Round down, so a period just short of full (or of the threshold) never reads as reaching it.
  return `${(Math.floor(share * 1000 + 1e-9) / 10).toFixed(1).replace(/\.0$/, '')} %`;
}

/**
 * Whether the previous period has enough history to compare with: its coverage must be at least
 * `comparableCoverageShare` (80 %) of the current period's, and the current period must have
 * data. Otherwise every change against it is withheld, whatever the figures say.
 */
export function comparePeriods(current: Coverage, previous: Coverage): Omit<PeriodComparison, 'deltas'> {
  if (current.share === null || current.share === 0) {
    const when = current.share === null ? 'none of this period has passed yet' : 'this period has no data yet';
    return { comparable: false, code: 'no_current_data', reason: `Nothing to compare: ${when}.` };
  }
  // The tolerance only absorbs floating-point error: 0.8 × 0.9 is 0.7200000000000001.
  const needed = QUALITY_RULES.comparableCoverageShare * current.share - 1e-9;
  if (previous.share === null || previous.share < needed) {
    return {
      comparable: false,
      code: 'thin_history',
      reason: `Not enough history to compare: the previous period has data in ${coveragePercent(previous.share)} of its minutes, this one in ${coveragePercent(current.share)}; comparing needs at least ${Math.round(QUALITY_RULES.comparableCoverageShare * 100)} % of this period’s coverage.`,
    };
  }
  return { comparable: true, code: null, reason: null };
}

const change = (current: number | null, previous: number | null) => (current === null || previous === null ? null : current - previous);

/** Current minus previous for every figure the page compares; all null when the periods are not comparable. */
export function periodDeltas(current: PeriodFigures, previous: PeriodFigures, comparable: boolean): PeriodDeltas {
  const d = (a: number | null, b: number | null) => (comparable ? change(a, b) : null);
  return {
    availability: d(current.availability, previous.availability),
    latencyCompliance: d(current.latency.compliance, previous.latency.compliance),
    budgetSpent: d(current.budget.spent, previous.budget.spent),
    budgetRemainingShare: d(current.budget.remainingShare, previous.budget.remainingShare),
    incidents: d(current.incidents, previous.incidents),
    mttrMs: d(current.mttrMs, previous.mttrMs),
    actions: d(current.actions, previous.actions),
  };
}
