import type {
  AssistEvidence,
  AssistFinding,
  AssistScope,
  AssistWindow,
} from '@watchfloor/shared/assist';
import type { AssistInputs, Member } from './inputs.ts';
import type { LinkBuilder } from './links.ts';

/** Everything a check needs besides its inputs. */
export interface CheckContext {
  inputs: AssistInputs;
  links: LinkBuilder;
}

/** Rollup a window of this length is read from (minutes up to 7 days, as the service reads them). */
const MINUTE_ROLLUPS_UP_TO_MS = 7 * 86_400_000;
export const rollupSourceFor = (window: AssistWindow): 'rollups_1m' | 'rollups_1h' =>
  window.to - window.from <= MINUTE_ROLLUPS_UP_TO_MS ? 'rollups_1m' : 'rollups_1h';

export const scopeOfMember = (member: Member): AssistScope => ({
  kind: member.kind,
  id: member.slug,
});

/** One figure from the rollups of a scope, linked to that scope's drill-down at that window. */
export function rollupEvidence(
  ctx: CheckContext,
  scope: AssistScope,
  window: AssistWindow,
  figure: string,
  value: number | null,
): AssistEvidence {
  return {
    source: rollupSourceFor(window),
    scope,
    window,
    figure,
    value,
    link: ctx.links.scope(scope, window),
  };
}

/** The baseline as a plain window (evidence windows carry no `chosen`). */
export const baselineWindow = (inputs: AssistInputs): AssistWindow => ({
  from: inputs.baseline.from,
  to: inputs.baseline.to,
});

/** Check order breaks score ties so the answer is the same byte for byte on every run. */
const CHECK_ORDER = ['contribution', 'systemic', 'what_changed', 'peer_outliers', 'onset'];

export function compareFindings(a: AssistFinding, b: AssistFinding): number {
  if (a.interesting !== b.interesting) return a.interesting ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  const byCheck = CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check);
  if (byCheck !== 0) return byCheck;
  const subjectA = `${a.subject?.kind ?? ''}:${a.subject?.id ?? ''}`;
  const subjectB = `${b.subject?.kind ?? ''}:${b.subject?.id ?? ''}`;
  if (subjectA !== subjectB) return subjectA < subjectB ? -1 : 1;
  return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
}

/**
 * Scores are a band per check plus a strength in [0, 1): across checks, a systemic failure comes
 * before a change that preceded the onset, which comes before a contributor, an outlier, the onset
 * minute and the alerts and actions seen.
 */
export const SCORE_BANDS = {
  systemic: 4,
  change: 3,
  contribution: 2,
  peer_outliers: 1,
  signal: 0.5,
  onset: 0,
} as const;

export const bandScore = (band: keyof typeof SCORE_BANDS, strength: number): number =>
  SCORE_BANDS[band] + Math.min(0.999, Math.max(0, strength));
