import type { AssistFinding, Novelty, SimilarIncident } from '@watchfloor/shared/assist';
import { contribution } from './contribution.ts';
import { compareFindings, type CheckContext } from './evidence.ts';
import type { AssistInputs } from './inputs.ts';
import type { LinkBuilder } from './links.ts';
import { onset } from './onset.ts';
import { peerOutliers } from './peer-outliers.ts';
import { excessOf } from './scope-excess.ts';
import { similarIncidents, type Shape, type Signature } from './similar.ts';
import { systemic } from './systemic.ts';
import { whatChanged } from './what-changed.ts';

export type { LinkBuilder } from './links.ts';

export interface Explanation {
  /** Interesting first, then by score; ties broken by check and subject so output is stable. */
  findings: AssistFinding[];
  /** Absent when the scope has no excess: there is no incident to call new or frequent. */
  novelty?: Novelty;
  similar: SimilarIncident[];
}

const subjectsOf = (findings: AssistFinding[], kinds: string[], onlyInteresting: boolean) =>
  [
    ...new Set(
      findings
        .filter((f) => f.subject && kinds.includes(f.subject.kind))
        .filter((f) => !onlyInteresting || f.interesting)
        .map((f) => f.subject?.id ?? ''),
    ),
  ].sort();

function signatureOf(inputs: AssistInputs, findings: AssistFinding[], shape: Shape): Signature {
  const { scope, segmentOfEntity } = inputs;
  const contributions = findings.filter((f) => f.check === 'contribution');
  const named = subjectsOf(contributions, ['entity'], true);
  const entities =
    scope.kind === 'entity' && scope.id
      ? [scope.id]
      : named.length > 0
        ? named
        : subjectsOf(contributions, ['entity'], false);
  const segments =
    scope.kind === 'segment' && scope.id
      ? [scope.id]
      : scope.kind === 'entity' && segmentOfEntity
        ? [segmentOfEntity]
        : subjectsOf(contributions, ['segment'], false);
  const errorClasses = subjectsOf(contributions, ['error_class'], false);
  return { segments, entities, errorClasses, shape };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sums of floating-point figures depend on their order: fix it, so row order cannot change a digit. */
function inCanonicalOrder(inputs: AssistInputs): AssistInputs {
  return {
    ...inputs,
    members: [...inputs.members].sort((a, b) => byText(a.kind, b.kind) || byText(a.slug, b.slug)),
    breakdown: [...inputs.breakdown].sort(
      (a, b) => byText(a.kind, b.kind) || byText(a.errorClass, b.errorClass),
    ),
    minutes: [...inputs.minutes].sort((a, b) => a.ts - b.ts),
    marks: [...inputs.marks].sort(
      (a, b) =>
        a.annotation.ts - b.annotation.ts ||
        byText(a.annotation.kind, b.annotation.kind) ||
        byText(a.annotation.title, b.annotation.title),
    ),
  };
}

/**
 * "Why?" from the gathered inputs: every check's findings, ranked, and the similar past incidents.
 * Pure: the same inputs give the same answer, byte for byte.
 */
export function explain(given: AssistInputs, links: LinkBuilder): Explanation {
  const inputs = inCanonicalOrder(given);
  const ctx: CheckContext = { inputs, links };
  const verdict = systemic(ctx);
  const start = onset(ctx);
  const contributors = contribution(ctx, verdict);
  const outliers = peerOutliers(ctx, verdict);
  const culprits = verdict.systemic
    ? []
    : subjectsOf([...contributors, ...outliers], ['entity', 'segment'], true);
  const changes = whatChanged(ctx, {
    ...(start.onsetTs !== undefined ? { onsetTs: start.onsetTs } : {}),
    culprits,
  });
  const findings = [
    ...verdict.findings,
    ...changes,
    ...contributors,
    ...outliers,
    ...start.findings,
  ].sort(compareFindings);
  const excess = excessOf(inputs.self);
  if (!excess.hasErrorExcess && !excess.hasLatencyExcess) return { findings, similar: [] };
  const shape: Shape =
    excess.hasErrorExcess && excess.hasLatencyExcess
      ? 'both'
      : excess.hasErrorExcess
        ? 'errors'
        : 'latency';
  const { similar, novelty } = similarIncidents(ctx, signatureOf(inputs, contributors, shape));
  return { findings, similar, novelty };
}
