import type {
  Coverage,
  Incident,
  PeriodComparison,
  SegmentTrend,
  Trends,
} from '@watchfloor/shared/trends/api';
import { coveragePercent } from '@watchfloor/shared/trends/comparison';
import { MISSING } from '../../../lib/format.ts';

const iso = (ts: number) => new Date(ts).toISOString();

export type DeltaTone = 'better' | 'worse' | 'unchanged' | 'missing' | 'withheld';

/** What stands where a "vs prev." change would: its words, its tone, and a longer title. */
export interface DeltaView {
  text: string;
  tone: DeltaTone;
  title?: string;
}

/**
 * The change against the previous period in words. When the periods are not comparable (thin
 * history, or no data yet) it says so instead: never "better" or "worse" against a thin period.
 */
export function deltaView(
  change: number | null,
  comparison: Pick<PeriodComparison, 'comparable' | 'code' | 'reason'>,
  format: (value: number) => string,
  higherIsBetter: boolean,
): DeltaView {
  if (!comparison.comparable) {
    const text =
      comparison.code === 'thin_history'
        ? 'Not enough history to compare'
        : 'Nothing to compare yet';
    return { text, tone: 'withheld', title: comparison.reason ?? undefined };
  }
  if (change === null)
    return {
      text: `vs prev. ${MISSING}`,
      tone: 'missing',
      title: 'no figure for one of the periods',
    };
  if (change === 0) return { text: 'vs prev. unchanged', tone: 'unchanged' };
  const better = change > 0 === higherIsBetter;
  return {
    text: `vs prev. ${change > 0 ? '+' : '−'}${format(Math.abs(change))} (${better ? 'better' : 'worse'})`,
    tone: better ? 'better' : 'worse',
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A period's length in words: "7 days", "15 hours", "90 minutes". */
export function periodWords(ms: number): string {
  if (ms % DAY === 0) return plural(ms / DAY, 'day');
  if (ms % HOUR === 0) return plural(ms / HOUR, 'hour');
  return plural(Math.round(ms / 60_000), 'minute');
}

const inHours = (c: Coverage) =>
  `${c.hoursWithData} of ${plural(c.elapsedHours, 'hour')} (${coveragePercent(c.share)})`;

/**
 * Each period's coverage in words, in hours:
 * "Data in 168 of 168 hours (100 %); previous 7 days: data in 40 of 168 hours (23.8 %)".
 */
export function coverageText(
  segment: Pick<SegmentTrend, 'current' | 'previous'>,
  periodMs: number,
): string {
  const { current, previous } = segment;
  const now =
    current.coverage.share === null
      ? 'No hour of this period has started yet'
      : `Data in ${inHours(current.coverage)}`;
  const before =
    previous.coverage.share === null
      ? 'no hour of it has started yet'
      : `data in ${inHours(previous.coverage)}`;
  return `${now}; previous ${periodWords(periodMs)}: ${before}`;
}

export const SEGMENT_CSV_HEADER = [
  'segment',
  'slo_availability',
  'availability',
  'availability_previous',
  'latency_target_ms',
  'latency_compliance',
  'latency_compliance_previous',
  'latency_resolution',
  'budget_allowed',
  'budget_spent',
  'budget_remaining',
  'budget_remaining_share',
  'budget_remaining_share_previous',
  'incidents',
  'incidents_previous',
  'mttr_ms',
  'mttr_ms_previous',
  'actions',
  'actions_previous',
  'incidents_with_action',
  'coverage',
  'coverage_previous',
  'comparable',
] as const;

export function segmentCsvRows(segments: readonly SegmentTrend[]) {
  return segments.map((s) => [
    s.slug,
    s.slo.availability,
    s.current.availability,
    s.previous.availability,
    s.slo.latencyP95Ms,
    s.current.latency.compliance,
    s.previous.latency.compliance,
    s.current.latency.resolution,
    s.current.budget.allowed,
    s.current.budget.spent,
    s.current.budget.remaining,
    s.current.budget.remainingShare,
    s.previous.budget.remainingShare,
    s.current.incidents,
    s.previous.incidents,
    s.current.mttrMs,
    s.previous.mttrMs,
    s.current.actions,
    s.previous.actions,
    s.current.incidentsWithAction,
    s.current.coverage.share,
    s.previous.coverage.share,
    s.comparison.comparable,
  ]);
}

export const ALERT_CSV_HEADER = [
  'segment',
  'rule',
  'severity',
  'threshold',
  'long_window',
  'long_burn_rate',
  'short_window',
  'short_burn_rate',
  'firing',
] as const;
export function alertCsvRows(segments: readonly SegmentTrend[]) {
  return segments.flatMap((s) =>
    s.alerts.map((a) => [
      s.slug,
      a.rule,
      a.severity,
      a.threshold,
      a.long.window,
      a.long.burnRate,
      a.short.window,
      a.short.burnRate,
      a.firing,
    ]),
  );
}

export const INCIDENT_CSV_HEADER = [
  'segment',
  'start',
  'end',
  'duration_ms',
  'ongoing',
  'breach_minutes',
  'requests',
  'errors',
  'actions',
] as const;
export function incidentCsvRows(incidents: readonly Incident[]) {
  return incidents.map((i) => [
    i.segment,
    iso(i.start),
    iso(i.end),
    i.durationMs,
    i.ongoing,
    i.breachMinutes,
    i.requests,
    i.errors,
    i.actions,
  ]);
}

export const ACTION_CSV_HEADER = ['week_start', 'type', 'outcome', 'count'] as const;
export function actionCsvRows(actions: Trends['actions']) {
  return actions.weeks.map((w) => [iso(w.week).slice(0, 10), w.type, w.outcome, w.count]);
}

/** Segments with the least budget left first: where a manager should look. */
export function bySpentBudget(segments: readonly SegmentTrend[]): SegmentTrend[] {
  return [...segments].sort(
    (a, b) =>
      (a.current.budget.remainingShare ?? 2) - (b.current.budget.remainingShare ?? 2) ||
      a.slug.localeCompare(b.slug),
  );
}
