import type { Incident, SegmentTrend, Trends } from '@watchfloor/shared/trends/api';

const iso = (ts: number) => new Date(ts).toISOString();

/** Figure, previous figure and their difference; the difference is null when either side is missing. */
export function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

export const SEGMENT_CSV_HEADER = [
  'segment', 'slo_availability', 'availability', 'availability_previous', 'latency_target_ms', 'latency_compliance', 'latency_compliance_previous', 'latency_resolution',
  'budget_allowed', 'budget_spent', 'budget_remaining', 'budget_remaining_share', 'budget_remaining_share_previous', 'incidents', 'incidents_previous', 'mttr_ms', 'mttr_ms_previous',
  'actions', 'actions_previous', 'incidents_with_action',
] as const;

export function segmentCsvRows(segments: readonly SegmentTrend[]) {
  return segments.map((s) => [
    s.slug, s.slo.availability, s.current.availability, s.previous.availability, s.slo.latencyP95Ms, s.current.latency.compliance, s.previous.latency.compliance, s.current.latency.resolution,
    s.current.budget.allowed, s.current.budget.spent, s.current.budget.remaining, s.current.budget.remainingShare, s.previous.budget.remainingShare,
    s.current.incidents, s.previous.incidents, s.current.mttrMs, s.previous.mttrMs, s.current.actions, s.previous.actions, s.current.incidentsWithAction,
  ]);
}

export const ALERT_CSV_HEADER = ['segment', 'rule', 'severity', 'threshold', 'long_window', 'long_burn_rate', 'short_window', 'short_burn_rate', 'firing'] as const;
export function alertCsvRows(segments: readonly SegmentTrend[]) {
  return segments.flatMap((s) => s.alerts.map((a) => [s.slug, a.rule, a.severity, a.threshold, a.long.window, a.long.burnRate, a.short.window, a.short.burnRate, a.firing]));
}

export const INCIDENT_CSV_HEADER = ['segment', 'start', 'end', 'duration_ms', 'ongoing', 'breach_minutes', 'requests', 'errors', 'actions'] as const;
export function incidentCsvRows(incidents: readonly Incident[]) {
  return incidents.map((i) => [i.segment, iso(i.start), iso(i.end), i.durationMs, i.ongoing, i.breachMinutes, i.requests, i.errors, i.actions]);
}

export const ACTION_CSV_HEADER = ['week_start', 'type', 'outcome', 'count'] as const;
export function actionCsvRows(actions: Trends['actions']) {
  return actions.weeks.map((w) => [iso(w.week).slice(0, 10), w.type, w.outcome, w.count]);
}

/** Segments with the least budget left first: where a manager should look. */
export function bySpentBudget(segments: readonly SegmentTrend[]): SegmentTrend[] {
  return [...segments].sort((a, b) => (a.current.budget.remainingShare ?? 2) - (b.current.budget.remainingShare ?? 2) || a.slug.localeCompare(b.slug));
}
