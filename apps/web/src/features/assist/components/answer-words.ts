import type {
  AssistAnswer,
  AssistEvidence,
  AssistFinding,
  Novelty,
  SimilarIncident,
} from '@watchfloor/shared/assist';
import { formatDateTime } from '../../../lib/format.ts';

/** The label every answer carries: these are suggestions from stated rules, not conclusions. */
export function suggestionLabel(rulesVersion: string): string {
  return `Suggestions from rules ${rulesVersion} — check before acting`;
}

export function describeSpan(window: { from: number; to: number }): string {
  return `${formatDateTime(window.from)} – ${formatDateTime(window.to)}`;
}

/** Which window was compared with which, in words. */
export function describeComparison(answer: Pick<AssistAnswer, 'window' | 'baseline'>): string {
  const baseline = answer.baseline.chosen
    ? 'the chosen baseline'
    : 'the preceding window of equal length';
  return `Compared ${describeSpan(answer.window)} with ${baseline} (${describeSpan(answer.baseline)}).`;
}

/** Interesting findings first (the answer's own order within each group is kept: it ranks by score). */
export function splitFindings(findings: readonly AssistFinding[]): {
  interesting: AssistFinding[];
  unremarkable: AssistFinding[];
} {
  return {
    interesting: findings.filter((finding) => finding.interesting),
    unremarkable: findings.filter((finding) => !finding.interesting),
  };
}

/** A figure as read: ratios below one keep three significant digits, counts are grouped. */
export function formatFigureValue(value: number | null): string {
  if (value === null) return 'no value';
  if (Number.isInteger(value)) return value.toLocaleString('en');
  if (Math.abs(value) < 1) return String(Number(value.toPrecision(3)));
  return value.toLocaleString('en', { maximumFractionDigits: 2 });
}

/**
 * Where an evidence figure came from: the figure and its value (the link text), then the scope,
 * the window read when it is not the answer's own window, and the rollup or record.
 */
export function describeEvidence(
  evidence: AssistEvidence,
  answerWindow: { from: number; to: number },
): { figure: string; source: string } {
  const scope = evidence.scope.id
    ? `${evidence.scope.kind} ${evidence.scope.id}`
    : evidence.scope.kind;
  const sameWindow =
    evidence.window.from === answerWindow.from && evidence.window.to === answerWindow.to;
  return {
    figure: `${evidence.figure} = ${formatFigureValue(evidence.value)}`,
    source: `${scope}${sameWindow ? '' : `, ${describeSpan(evidence.window)}`}, from ${evidence.source}`,
  };
}

export function describeNovelty(novelty: Novelty): string {
  if (novelty.label === 'new') return 'New: no similar incident in the last 30 days';
  const share = `${novelty.similarIncidents} of the scope's ${novelty.incidents} incidents in the last 30 days were similar`;
  return `${novelty.label === 'frequent' ? 'Frequent' : 'Rare'}: ${share}`;
}

/** When a past incident was, how long it lasted and whether it is still going. */
export function describeIncidentSpan(incident: SimilarIncident): string {
  const length = `${Math.round(incident.durationMinutes)} min`;
  return incident.ongoing
    ? `${formatDateTime(incident.start)}, ongoing for ${length}`
    : `${formatDateTime(incident.start)}, lasted ${length}`;
}

/** What was done during a past incident and how each action ended. */
export function describeIncidentActions(incident: SimilarIncident): string {
  if (incident.actions.length === 0) return 'No action was executed during it.';
  return incident.actions
    .map((action) => `${action.type} on ${action.target.kind} ${action.target.id}: ${action.state}`)
    .join('; ');
}
