import { ASSIST_RULES, type AssistFinding, type AssistScope } from '@watchfloor/shared/assist';
import { bandScore, rollupEvidence, scopeOfMember, type CheckContext } from './evidence.ts';
import type { Member } from './inputs.ts';
import { meanLatency, percent, twoProportionZ } from './stats.ts';

export interface SystemicVerdict {
  systemic: boolean;
  active: string[];
  affected: string[];
  findings: AssistFinding[];
}

/** A member with volume whose own error ratio rose significantly, or whose latency rose by the scope threshold. */
export function isAffected(member: Member): boolean {
  const { now, before } = member;
  const z = twoProportionZ(now.errors, now.requests, before.errors, before.requests);
  if (z >= ASSIST_RULES.contributionMinZ) return true;
  const meanNow = meanLatency(now);
  const meanBefore = meanLatency(before);
  return (
    now.latencyCount >= ASSIST_RULES.outlierMinRequests &&
    meanNow !== null &&
    meanBefore !== null &&
    meanNow - meanBefore >= ASSIST_RULES.minExcessLatencyMsPerRequest
  );
}

/** The segment the members belong to, for the finding's subject; the fleet has none. */
function groupScope(ctx: CheckContext): AssistScope {
  const { scope, segmentOfEntity } = ctx.inputs;
  if (scope.kind === 'entity' && segmentOfEntity) return { kind: 'segment', id: segmentOfEntity };
  return scope;
}

/**
 * Systemic: at least `systemicAffectedShare` of the active members (≥ `outlierMinRequests`
 * requests), and at least two of them, are affected at once. Then no single culprit is named.
 */
export function systemic(ctx: CheckContext): SystemicVerdict {
  const members = [...ctx.inputs.members].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const active = members.filter((m) => m.now.requests >= ASSIST_RULES.outlierMinRequests);
  const affected = active.filter(isAffected);
  const share = active.length > 0 ? affected.length / active.length : 0;
  const isSystemic = affected.length >= 2 && share >= ASSIST_RULES.systemicAffectedShare;
  const group = groupScope(ctx);
  const noun = ctx.inputs.scope.kind === 'fleet' ? 'segments' : 'entities';
  const where = group.id ?? 'the fleet';
  const window = ctx.inputs.window;
  const evidence = [
    rollupEvidence(
      ctx,
      group,
      window,
      `active ${noun} (≥ ${ASSIST_RULES.outlierMinRequests} requests)`,
      active.length,
    ),
    rollupEvidence(ctx, group, window, `affected ${noun}`, affected.length),
    ...affected.map((m) =>
      rollupEvidence(
        ctx,
        scopeOfMember(m),
        window,
        'error ratio',
        m.now.requests > 0 ? m.now.errors / m.now.requests : null,
      ),
    ),
  ];
  const subject = group.id ? { kind: 'segment' as const, id: group.id } : undefined;
  const finding: AssistFinding = isSystemic
    ? {
        check: 'systemic',
        interesting: true,
        title: `Systemic: ${affected.length} of ${active.length} active ${noun} of ${where} are affected at once`,
        message: `${percent(share)} of the active ${noun} are worse than their own baseline (threshold ${percent(ASSIST_RULES.systemicAffectedShare)}): ${affected.map((m) => m.slug).join(', ')}. No single culprit is named; look for a shared cause.`,
        score: bandScore('systemic', share),
        evidence,
        ...(subject ? { subject } : {}),
      }
    : {
        check: 'systemic',
        interesting: false,
        title: `Not systemic: ${affected.length} of ${active.length} active ${noun} affected`,
        message: `Checked the ${active.length} ${noun} of ${where} with at least ${ASSIST_RULES.outlierMinRequests} requests; a systemic failure needs at least two and ${percent(ASSIST_RULES.systemicAffectedShare)} of them affected.`,
        score: 0,
        evidence,
        ...(subject ? { subject } : {}),
      };
  return {
    systemic: isSystemic,
    active: active.map((m) => m.slug),
    affected: affected.map((m) => m.slug),
    findings: [finding],
  };
}
