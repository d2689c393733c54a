import { ASSIST_RULES, type AssistFinding } from '@watchfloor/shared/assist';
import {
  breakdownRatio,
  errorClassContributors,
  errorContributors,
  kindSlices,
  latencyContributors,
  memberSlices,
  type Contributor,
  type SubjectKind,
} from './contributors.ts';
import { bandScore, baselineWindow, rollupEvidence, type CheckContext } from './evidence.ts';
import { excessOf, type Excess } from './scope-excess.ts';
import { count, fixed, ms, percent } from './stats.ts';
import type { SystemicVerdict } from './systemic.ts';

/** Per-subject weights so that, at equal shares, the entity (what one can act on) leads. */
const GROUP_WEIGHT: Record<SubjectKind, number> = {
  entity: 1,
  segment: 1,
  error_class: 0.97,
  event_kind: 0.94,
};
const PER_GROUP = 3;

const WORDS: Record<SubjectKind, string> = {
  entity: '',
  segment: '',
  error_class: 'error class ',
  event_kind: '',
};

function titleOf(c: Contributor): string {
  const name =
    c.subject.kind === 'event_kind'
      ? `${c.subject.id} events`
      : `${WORDS[c.subject.kind]}${c.subject.id}`;
  if (c.subject.kind === 'error_class')
    return `${name} makes ${percent(c.shareOfExcess)} of the extra errors${c.lift === null ? ' (new in this window)' : ''}`;
  const what = c.measure === 'errors' ? 'extra errors' : 'added latency';
  const verb = c.subject.kind === 'event_kind' ? 'carry' : 'carries';
  return `${name} ${verb} ${percent(c.shareOfExcess)} of the ${what} on ${percent(c.shareOfBase)} of the traffic`;
}

function toFinding(c: Contributor, verdict: SystemicVerdict, canPropose: boolean): AssistFinding {
  const namesCulprit = c.subject.kind === 'entity' || c.subject.kind === 'segment';
  const blocked = namesCulprit && verdict.systemic;
  const interesting = c.interesting && !blocked;
  const title = titleOf(c);
  const systemicNote =
    blocked && c.interesting ? ' The failure is systemic, so no single culprit is named.' : '';
  const strength = Math.max(0, c.shareOfExcess) * GROUP_WEIGHT[c.subject.kind];
  return {
    check: 'contribution',
    interesting,
    title,
    message: `${title}: ${c.detail}.${systemicNote}`,
    score: interesting ? bandScore('contribution', strength) : Math.min(0.999, strength) / 10,
    subject: c.subject,
    evidence: c.evidence,
    ...(interesting && canPropose && c.subject.kind === 'entity'
      ? {
          propose: {
            type: 'restart_entity' as const,
            target: { kind: 'entity' as const, id: c.subject.id },
            rationale: `${title} (${c.detail}).`,
          },
        }
      : {}),
  };
}

function noExcess(ctx: CheckContext, excess: Excess): AssistFinding {
  const { self, scope, window } = ctx.inputs;
  const expected = self.now.requests * excess.baselineRatio;
  const traffic =
    self.before.requests > 0
      ? ` Traffic: ${count(self.now.requests)} requests vs ${count(self.before.requests)} in the baseline (×${fixed(self.now.requests / self.before.requests)}).`
      : '';
  const latency =
    excess.meanNowMs !== null && excess.baselineMeanMs !== null
      ? ` Mean latency ${ms(excess.meanNowMs)} vs ${ms(excess.baselineMeanMs)}.`
      : '';
  return {
    check: 'contribution',
    interesting: false,
    title: 'No excess errors or latency against the baseline',
    message: `${count(self.now.errors)} errors against ${count(expected)} expected at the baseline error ratio of ${fixed(excess.baselineRatio * 100, 2)} % (an excess needs ${ASSIST_RULES.minExcessErrors}); latency needs ${ASSIST_RULES.minExcessLatencyMsPerRequest} ms more per request.${latency}${traffic}`,
    // Leads the answer when nothing is interesting: "no excess" is the plain answer then.
    score: 0.5,
    ...(scope.id
      ? { subject: { kind: scope.kind === 'fleet' ? 'segment' : scope.kind, id: scope.id } }
      : {}),
    evidence: [
      rollupEvidence(ctx, scope, window, 'errors', self.now.errors),
      rollupEvidence(ctx, scope, window, 'expected errors at baseline ratio', expected),
      rollupEvidence(ctx, scope, window, 'requests', self.now.requests),
      rollupEvidence(ctx, scope, baselineWindow(ctx.inputs), 'requests', self.before.requests),
      rollupEvidence(ctx, scope, window, 'added latency ms per request', excess.addedMsPerRequest),
    ],
  };
}

const byShare = (a: Contributor, b: Contributor): number =>
  b.shareOfExcess - a.shareOfExcess ||
  (a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0);

/**
 * Contribution: which members, error classes and event kinds carry the scope's excess errors or
 * latency, against the scope's own baseline. Interesting per docs/assist.md.
 */
export function contribution(ctx: CheckContext, verdict: SystemicVerdict): AssistFinding[] {
  const excess = excessOf(ctx.inputs.self);
  if (!excess.hasErrorExcess && !excess.hasLatencyExcess) return [noExcess(ctx, excess)];
  const members = memberSlices(ctx);
  const kinds = kindSlices(ctx);
  const groups: Contributor[][] = [];
  if (excess.hasErrorExcess)
    groups.push(
      errorContributors(ctx, members, excess),
      errorClassContributors(ctx, excess),
      errorContributors(ctx, kinds, { ...excess, baselineRatio: breakdownRatio(kinds) }),
    );
  if (excess.hasLatencyExcess)
    groups.push(latencyContributors(ctx, members, excess), latencyContributors(ctx, kinds, excess));
  const canPropose = !verdict.systemic;
  const findings = groups.flatMap((group) =>
    group
      .filter((c) => c.shareOfExcess > 0)
      .sort(byShare)
      .slice(0, PER_GROUP)
      .map((c) => toFinding(c, verdict, canPropose)),
  );
  return ctx.inputs.breakdownUncovered ? [...findings, breakdownGap(ctx)] : findings;
}

/** Says why no error class or event kind is ranked, rather than ranking part of the window. */
function breakdownGap(ctx: CheckContext): AssistFinding {
  const { scope } = ctx.inputs;
  const { window } = ctx.inputs.breakdownUncovered!;
  return {
    check: 'contribution',
    interesting: false,
    title: 'Error classes and event kinds not compared',
    message:
      'Part of this period was rolled up before error classes were kept per scope, so they are not ranked; entities still are.',
    score: 0,
    evidence: [rollupEvidence(ctx, scope, window, 'events', null)],
  };
}
