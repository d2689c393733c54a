import { ASSIST_RULES, type AssistEvidence, type AssistScope } from '@watchfloor/shared/assist';
import type { EventKind } from '@watchfloor/shared/ingest';
import { baselineWindow, rollupEvidence, scopeOfMember, type CheckContext } from './evidence.ts';
import type { Excess } from './scope-excess.ts';
import { count, fixed, ms, percent, ratio, twoProportionZ } from './stats.ts';

// The slices "Why?" ranks (members, error classes, event kinds), each measured against its
// baseline: share of the excess, share of traffic, lift and significance.

type Measure = 'errors' | 'latency';

/**
 * Shares are of the excess carried by the slices that have any: a slice doing better than its
 * baseline does not inflate the others' shares past 100 %.
 */
const positiveSum = (values: number[]): number => values.reduce((a, v) => a + Math.max(0, v), 0);
export type SubjectKind = 'entity' | 'segment' | 'error_class' | 'event_kind';

/** One slice of the scope, measured against its baseline (docs/assist.md, contribution). */
export interface Contributor {
  subject: { kind: SubjectKind; id: string };
  measure: Measure;
  shareOfExcess: number;
  /** Share of the scope's traffic (or, for an error class, of its baseline errors). */
  shareOfBase: number;
  /** null when the base share is 0 (a class new in this window). */
  lift: number | null;
  /** z-score for errors; added ms per request for latency. */
  significance: number;
  interesting: boolean;
  /** "82 of 100 extra errors", "error ratio 14 % vs 0.5 %" … */
  detail: string;
  evidence: AssistEvidence[];
}

const passes = (share: number, lift: number | null, significant: boolean): boolean =>
  share >= ASSIST_RULES.contributionMinExcessShare &&
  (lift === null || lift >= ASSIST_RULES.contributionMinLift) &&
  significant;

export interface Slice {
  subject: { kind: SubjectKind; id: string };
  scope: AssistScope;
  /** A member's own main error classes, named in its finding. */
  errorClasses?: { errorClass: string; errors: number }[];
  now: { traffic: number; errors: number; latencyCount: number; latencySum: number };
  before: { traffic: number; errors: number; latencyCount: number; latencySum: number };
}

/**
 * A slice is measured against its own baseline when it had the volume for one, so an entity that
 * was already this bad before does not take the share of the one that changed; else against the
 * scope's.
 */
const hasOwnBaseline = (volume: number) => volume >= ASSIST_RULES.outlierMinRequests;
const ownBaselineRatio = (s: Slice, excess: Excess): number =>
  hasOwnBaseline(s.before.traffic) ? s.before.errors / s.before.traffic : excess.baselineRatio;
const ownBaselineMean = (s: Slice, scopeMean: number): number =>
  hasOwnBaseline(s.before.latencyCount) ? s.before.latencySum / s.before.latencyCount : scopeMean;

export function errorContributors(
  ctx: CheckContext,
  slices: Slice[],
  excess: Excess,
): Contributor[] {
  const totalTraffic = slices.reduce((a, s) => a + s.now.traffic, 0);
  const excessOfSlice = (s: Slice) => s.now.errors - s.now.traffic * ownBaselineRatio(s, excess);
  const total = positiveSum(slices.map(excessOfSlice));
  if (total <= 0) return [];
  return slices.map((s) => {
    const shareOfExcess = excessOfSlice(s) / total;
    const shareOfBase = ratio(s.now.traffic, totalTraffic);
    const lift = shareOfBase > 0 ? shareOfExcess / shareOfBase : null;
    const z = twoProportionZ(s.now.errors, s.now.traffic, s.before.errors, s.before.traffic);
    const ratioNow = ratio(s.now.errors, s.now.traffic);
    const ratioBefore = ratio(s.before.errors, s.before.traffic);
    const { window } = ctx.inputs;
    return {
      subject: s.subject,
      measure: 'errors',
      shareOfExcess,
      shareOfBase,
      lift,
      significance: z,
      interesting: passes(shareOfExcess, lift ?? 0, z >= ASSIST_RULES.contributionMinZ),
      detail: `error ratio ${fixed(ratioNow * 100)} % now vs ${fixed(ratioBefore * 100)} % in the baseline (z = ${fixed(z)}); ${count(excessOfSlice(s))} of ${count(total)} extra errors; lift ${lift === null ? 'n/a' : fixed(lift)}${mainClassWords(s)}`,
      evidence: [
        ...mainClassEvidence(ctx, s),
        rollupEvidence(ctx, s.scope, window, 'errors', s.now.errors),
        rollupEvidence(ctx, s.scope, window, 'requests', s.now.traffic),
        rollupEvidence(ctx, s.scope, window, 'error ratio', ratioNow),
        rollupEvidence(ctx, s.scope, baselineWindow(ctx.inputs), 'error ratio', ratioBefore),
        rollupEvidence(ctx, s.scope, window, 'share of excess errors', shareOfExcess),
        rollupEvidence(ctx, s.scope, window, 'share of traffic', shareOfBase),
        rollupEvidence(ctx, s.scope, window, 'lift', lift),
        rollupEvidence(ctx, s.scope, window, 'two-proportion z', z),
      ],
    };
  });
}

export function latencyContributors(
  ctx: CheckContext,
  slices: Slice[],
  excess: Excess,
): Contributor[] {
  const baselineMean = excess.baselineMeanMs;
  if (baselineMean === null) return [];
  const totalSamples = slices.reduce((a, s) => a + s.now.latencyCount, 0);
  const added = (s: Slice) =>
    s.now.latencySum - s.now.latencyCount * ownBaselineMean(s, baselineMean);
  const total = positiveSum(slices.map(added));
  if (total <= 0) return [];
  return slices.map((s) => {
    const shareOfExcess = added(s) / total;
    const shareOfBase = ratio(s.now.latencyCount, totalSamples);
    const lift = shareOfBase > 0 ? shareOfExcess / shareOfBase : null;
    const meanNow = ratio(s.now.latencySum, s.now.latencyCount);
    const ownBaseline = ownBaselineMean(s, baselineMean);
    const addedMs = s.now.latencyCount > 0 ? meanNow - ownBaseline : 0;
    const { window } = ctx.inputs;
    return {
      subject: s.subject,
      measure: 'latency',
      shareOfExcess,
      shareOfBase,
      lift,
      significance: addedMs,
      interesting: passes(
        shareOfExcess,
        lift ?? 0,
        addedMs >= ASSIST_RULES.minExcessLatencyMsPerRequest,
      ),
      detail: `mean latency ${ms(meanNow)} now vs ${ms(ownBaseline)} in the baseline (+${ms(addedMs)} per request); lift ${lift === null ? 'n/a' : fixed(lift)}`,
      evidence: [
        rollupEvidence(
          ctx,
          s.scope,
          window,
          'mean latency ms',
          s.now.latencyCount > 0 ? meanNow : null,
        ),
        rollupEvidence(ctx, s.scope, baselineWindow(ctx.inputs), 'mean latency ms', ownBaseline),
        rollupEvidence(ctx, s.scope, window, 'share of added latency', shareOfExcess),
        rollupEvidence(ctx, s.scope, window, 'share of latency samples', shareOfBase),
        rollupEvidence(ctx, s.scope, window, 'lift', lift),
      ],
    };
  });
}

/** Error classes have no traffic of their own: their base share is their share of the baseline's errors. */
export function errorClassContributors(ctx: CheckContext, excess: Excess): Contributor[] {
  const { self, breakdown, scope, window } = ctx.inputs;
  const byClass = new Map<string, { now: number; before: number }>();
  for (const slice of breakdown) {
    if (slice.now.errors === 0 && slice.before.errors === 0) continue;
    const entry = byClass.get(slice.errorClass) ?? { now: 0, before: 0 };
    entry.now += slice.now.errors;
    entry.before += slice.before.errors;
    byClass.set(slice.errorClass, entry);
  }
  const growth = ratio(self.now.requests, self.before.requests);
  const beforeErrors = [...byClass.values()].reduce((a, c) => a + c.before, 0);
  const excessOfClass = (c: { now: number; before: number }) => c.now - c.before * growth;
  const total = positiveSum([...byClass.values()].map(excessOfClass));
  if (total <= 0 || excess.errors <= 0) return [];
  return [...byClass.entries()].map(([errorClass, c]) => {
    const id = errorClass === '' ? '(no class)' : errorClass;
    const shareOfExcess = excessOfClass(c) / total;
    const shareOfBase = ratio(c.before, beforeErrors);
    const lift = shareOfBase > 0 ? shareOfExcess / shareOfBase : null;
    const z = twoProportionZ(c.now, self.now.requests, c.before, self.before.requests);
    const filter = { status: 'error' as const, ...(errorClass ? { errorClass } : {}) };
    const evidence = (figure: string, value: number | null, baseline = false): AssistEvidence => {
      const w = baseline ? baselineWindow(ctx.inputs) : window;
      return {
        source: 'rollup_error_classes',
        scope,
        window: w,
        figure,
        value,
        link: ctx.links.events(scope, w, filter),
      };
    };
    return {
      subject: { kind: 'error_class', id },
      measure: 'errors',
      shareOfExcess,
      shareOfBase,
      lift,
      significance: z,
      interesting: passes(shareOfExcess, lift, z >= ASSIST_RULES.contributionMinZ),
      detail: `${count(c.now)} errors now vs ${count(c.before)} in the baseline (z = ${fixed(z)}); ${lift === null ? 'new in this window' : `its usual share of errors: ${percent(shareOfBase)}, lift ${fixed(lift)}`}`,
      evidence: [
        evidence(`errors of class ${id}`, c.now),
        evidence(`errors of class ${id}`, c.before, true),
        evidence('share of excess errors', shareOfExcess),
        evidence('share of baseline errors', shareOfBase),
        evidence('lift', lift),
        evidence('two-proportion z', z),
      ],
    };
  });
}

export function kindSlices(ctx: CheckContext): Slice[] {
  const byKind = new Map<EventKind, Slice>();
  for (const s of ctx.inputs.breakdown) {
    const slice = byKind.get(s.kind) ?? {
      subject: { kind: 'event_kind' as const, id: s.kind },
      scope: ctx.inputs.scope,
      now: { traffic: 0, errors: 0, latencyCount: 0, latencySum: 0 },
      before: { traffic: 0, errors: 0, latencyCount: 0, latencySum: 0 },
    };
    for (const side of ['now', 'before'] as const) {
      slice[side].traffic += s[side].events;
      slice[side].errors += s[side].errors;
      slice[side].latencyCount += s[side].latencyCount;
      slice[side].latencySum += s[side].latencySum;
    }
    byKind.set(s.kind, slice);
  }
  return [...byKind.values()];
}

export function memberSlices(ctx: CheckContext): Slice[] {
  if (ctx.inputs.scope.kind === 'entity') return [];
  return ctx.inputs.members.map((m) => ({
    subject: { kind: m.kind, id: m.slug },
    scope: scopeOfMember(m),
    ...(m.errorClasses ? { errorClasses: m.errorClasses } : {}),
    now: {
      traffic: m.now.requests,
      errors: m.now.errors,
      latencyCount: m.now.latencyCount,
      latencySum: m.now.latencySum,
    },
    before: {
      traffic: m.before.requests,
      errors: m.before.errors,
      latencyCount: m.before.latencyCount,
      latencySum: m.before.latencySum,
    },
  }));
}

/** Event kinds are judged against the error ratio of all events in the baseline, not of requests. */
export function breakdownRatio(kinds: Slice[]): number {
  const errors = kinds.reduce((a, s) => a + s.before.errors, 0);
  const events = kinds.reduce((a, s) => a + s.before.traffic, 0);
  return ratio(errors, events);
}

/** The member's main error class, when it has errors with a class: "; mostly DbTimeout (92 % of its errors)". */
function mainClassWords(s: Slice): string {
  const main = s.errorClasses?.find((c) => c.errorClass !== '');
  if (!main || s.now.errors <= 0) return '';
  return `; mostly ${main.errorClass} (${percent(Math.min(1, main.errors / s.now.errors))} of its errors)`;
}

function mainClassEvidence(ctx: CheckContext, s: Slice): AssistEvidence[] {
  const main = s.errorClasses?.find((c) => c.errorClass !== '');
  if (!main || s.now.errors <= 0) return [];
  const { window } = ctx.inputs;
  return [
    {
      source: 'rollup_error_classes',
      scope: s.scope,
      window,
      figure: `errors of class ${main.errorClass}`,
      value: main.errors,
      link: ctx.links.events(s.scope, window, { status: 'error', errorClass: main.errorClass }),
    },
  ];
}
