import { QUALITY_RULES } from '../quality.ts';
import type { TimeWindow } from '../time-window.ts';
import type { Coverage, PeriodComparison, PeriodDeltas, PeriodFigures } from './api.ts';

const HOUR = 3_600_000;

/**
 * The hour buckets a period's coverage counts: those (UTC hours) that overlap the period and have
 * started by `now`, as `[first hour's start, end of the elapsed span)`. A first hour the period
 * only partly includes, and a last hour still under way, each count as one whole hour; an hour
 * that has not started yet is neither covered nor missing.
 */
export function elapsedHourSpan(window: TimeWindow, now: number): TimeWindow {
  const from = Math.floor(window.from / HOUR) * HOUR;
  return { from, to: Math.max(from, Math.min(window.to, now)) };
}

/**
 * A period's coverage: of its elapsed hours (see elapsedHourSpan), how many had any event. Hours,
 * not minutes: a sender every 10–30 minutes has data throughout, and that is what comparing needs.
 */
export function coverageOf(window: TimeWindow, now: number, hoursWithData: number): Coverage {
  const span = elapsedHourSpan(window, now);
  const elapsedHours = Math.ceil((span.to - span.from) / HOUR);
  const covered = Math.min(hoursWithData, elapsedHours);
  return {
    elapsedHours,
    hoursWithData: covered,
    share: elapsedHours === 0 ? null : covered / elapsedHours,
  };
}

/** A share in words for a sentence: "12.5 %", "under 0.1 %" for a sliver, "0 %" for none. */
export function coveragePercent(share: number | null): string {
  if (share === null) return 'no elapsed hours';
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
export function comparePeriods(
  current: Coverage,
  previous: Coverage,
): Omit<PeriodComparison, 'deltas'> {
  if (current.share === null || current.share === 0) {
    const when =
      current.share === null ? 'none of this period has passed yet' : 'this period has no data yet';
    return { comparable: false, code: 'no_current_data', reason: `Nothing to compare: ${when}.` };
  }
  // The tolerance only absorbs floating-point error: 0.8 × 0.9 is 0.7200000000000001.
  const needed = QUALITY_RULES.comparableCoverageShare * current.share - 1e-9;
  if (previous.share === null || previous.share < needed) {
    return {
      comparable: false,
      code: 'thin_history',
      reason: `Not enough history to compare: the previous period has data in ${coveragePercent(previous.share)} of its hours, this one in ${coveragePercent(current.share)}; comparing needs at least ${Math.round(QUALITY_RULES.comparableCoverageShare * 100)} % of this period’s coverage.`,
    };
  }
  return { comparable: true, code: null, reason: null };
}

const change = (current: number | null, previous: number | null) =>
  current === null || previous === null ? null : current - previous;

/** Current minus previous for every figure the page compares; all null when the periods are not comparable. */
export function periodDeltas(
  current: PeriodFigures,
  previous: PeriodFigures,
  comparable: boolean,
): PeriodDeltas {
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
