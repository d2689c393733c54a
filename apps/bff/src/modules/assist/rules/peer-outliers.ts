import { ASSIST_RULES, type AssistFinding } from '@watchfloor/shared/assist';
import {
  bandScore,
  baselineWindow,
  rollupEvidence,
  scopeOfMember,
  type CheckContext,
} from './evidence.ts';
import type { Member } from './inputs.ts';
import { fixed, ms, percent, robustSpread, type RobustSpread } from './stats.ts';
import type { SystemicVerdict } from './systemic.ts';

interface Measure {
  name: 'error ratio' | 'p95';
  valueOf(m: Member): number | null;
  /** Volume a member needs to be compared at all: four events never make an outlier. */
  volumeOf(m: Member): number;
  /** The deviation must also matter in practice, not only statistically. */
  matters(m: Member, deviation: number): boolean;
  show(value: number): string;
}

const MEASURES: Measure[] = [
  {
    name: 'error ratio',
    valueOf: (m) => (m.now.requests > 0 ? m.now.errors / m.now.requests : null),
    volumeOf: (m) => m.now.requests,
    matters: (m, deviation) => deviation * m.now.requests >= ASSIST_RULES.minExcessErrors,
    show: (v) => `${fixed(v * 100)} %`,
  },
  {
    name: 'p95',
    valueOf: (m) => m.now.p95Ms,
    volumeOf: (m) => m.now.latencyCount,
    matters: (_m, deviation) => deviation >= ASSIST_RULES.minExcessLatencyMsPerRequest,
    show: ms,
  },
];

const bySlug = (a: Member, b: Member) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

function noun(ctx: CheckContext, one = false): string {
  if (ctx.inputs.scope.kind === 'fleet') return one ? 'segment' : 'segments';
  return one ? 'entity' : 'entities';
}

function spreadWords(spread: RobustSpread): string {
  if (spread.method === 'mad') return 'median absolute deviation';
  if (spread.method === 'mean_absolute_deviation')
    return 'mean absolute deviation (most peers are identical, so the MAD is 0)';
  return 'no spread: every peer has the same value';
}

function judge(ctx: CheckContext, measure: Measure, verdict: SystemicVerdict): AssistFinding[] {
  const { inputs } = ctx;
  const eligible = inputs.members
    .filter(
      (m) => measure.volumeOf(m) >= ASSIST_RULES.outlierMinRequests && measure.valueOf(m) !== null,
    )
    .sort(bySlug);
  const selfSlug = inputs.scope.kind === 'entity' ? inputs.scope.id : undefined;
  const asked = selfSlug ? eligible.filter((m) => m.slug === selfSlug) : eligible;
  const checked = `${measure.name} of ${eligible.length} ${noun(ctx)} with at least ${ASSIST_RULES.outlierMinRequests} requests`;
  if (eligible.length < ASSIST_RULES.outlierMinPeers + 1 || asked.length === 0) {
    const why =
      asked.length === 0 && selfSlug
        ? `${selfSlug} has fewer than ${ASSIST_RULES.outlierMinRequests} requests in the window`
        : `at least ${ASSIST_RULES.outlierMinPeers + 1} are needed`;
    return [
      summary(
        ctx,
        `Too little volume to compare ${measure.name} with peers`,
        `Checked the ${checked}: ${why}.`,
      ),
    ];
  }
  const values = eligible.map((m) => measure.valueOf(m) ?? 0);
  const spread = robustSpread(values);
  const scored = asked.map((m) => {
    const value = measure.valueOf(m) ?? 0;
    const deviation = value - spread.median;
    const score = spread.sigma > 0 ? Math.abs(deviation) / spread.sigma : 0;
    const interesting =
      deviation > 0 && score >= ASSIST_RULES.outlierMinRobustScore && measure.matters(m, deviation);
    return { m, value, score, interesting };
  });
  const outliers = scored.filter((s) => s.interesting || selfSlug !== undefined);
  if (outliers.length === 0) {
    const top = Math.max(...scored.map((s) => s.score));
    return [
      summary(
        ctx,
        `No ${noun(ctx, true)} stands out on ${measure.name}`,
        `Checked the ${checked}: the largest robust score is ${fixed(top)} (needs ${ASSIST_RULES.outlierMinRobustScore}; ${spreadWords(spread)}).`,
      ),
    ];
  }
  return outliers.map(({ m, value, score, interesting }) => {
    const title = interesting
      ? `${m.slug} is an outlier on ${measure.name}: ${measure.show(value)} against a peer median of ${measure.show(spread.median)}`
      : `${m.slug} is not an outlier on ${measure.name} among its peers`;
    const scope = scopeOfMember(m);
    const propose = interesting && !verdict.systemic && m.kind === 'entity';
    return {
      check: 'peer_outliers',
      interesting,
      title,
      message: `Robust score ${fixed(score)} (|x − median| ÷ ${spreadWords(spread)} scaled; needs ${ASSIST_RULES.outlierMinRobustScore}), among the ${checked}.`,
      score: interesting
        ? bandScore('peer_outliers', score / (4 * ASSIST_RULES.outlierMinRobustScore))
        : 0,
      subject: { kind: m.kind, id: m.slug },
      evidence: [
        rollupEvidence(ctx, scope, inputs.window, measure.name, value),
        rollupEvidence(
          ctx,
          inputs.scope.kind === 'fleet' ? inputs.scope : groupOf(ctx, m),
          inputs.window,
          `peer median ${measure.name}`,
          spread.median,
        ),
        rollupEvidence(ctx, scope, inputs.window, 'robust score', score),
        rollupEvidence(ctx, scope, inputs.window, 'requests', m.now.requests),
      ],
      ...(propose
        ? {
            propose: {
              type: 'restart_entity' as const,
              target: { kind: 'entity' as const, id: m.slug },
              rationale: `${title} (robust score ${fixed(score)} among ${eligible.length} peers).`,
            },
          }
        : {}),
    };
  });
}

function groupOf(ctx: CheckContext, m: Member) {
  const segment = m.segment ?? ctx.inputs.segmentOfEntity ?? ctx.inputs.scope.id;
  return segment ? { kind: 'segment' as const, id: segment } : ctx.inputs.scope;
}

function summary(ctx: CheckContext, title: string, message: string): AssistFinding {
  return {
    check: 'peer_outliers',
    interesting: false,
    title,
    message,
    score: 0,
    evidence: [
      rollupEvidence(
        ctx,
        ctx.inputs.scope,
        ctx.inputs.window,
        `${noun(ctx)} compared`,
        ctx.inputs.members.length,
      ),
    ],
  };
}

/** A member that sent at volume in the baseline and nothing in the window, while its peers kept sending. */
function silent(ctx: CheckContext, verdict: SystemicVerdict): AssistFinding[] {
  const { members, scope, window } = ctx.inputs;
  const sending = members.filter((m) => m.now.requests >= ASSIST_RULES.outlierMinRequests);
  if (sending.length < ASSIST_RULES.outlierMinPeers) return [];
  return members
    .filter((m) => m.before.requests >= ASSIST_RULES.outlierMinRequests && m.now.events === 0)
    .filter((m) => scope.kind !== 'entity' || m.slug === scope.id)
    .sort(bySlug)
    .map((m) => {
      const title = `${m.slug} went silent: no events in the window against ${m.before.requests} requests in the baseline`;
      return {
        check: 'peer_outliers' as const,
        interesting: true,
        title,
        message: `${sending.length} of its peers kept sending (${percent(sending.length / members.length)} of them).`,
        score: bandScore('peer_outliers', 0.9),
        subject: { kind: m.kind, id: m.slug },
        evidence: [
          rollupEvidence(ctx, scopeOfMember(m), window, 'events', m.now.events),
          rollupEvidence(
            ctx,
            scopeOfMember(m),
            baselineWindow(ctx.inputs),
            'requests',
            m.before.requests,
          ),
        ],
        ...(m.kind === 'entity' && !verdict.systemic
          ? {
              propose: {
                type: 'restart_entity' as const,
                target: { kind: 'entity' as const, id: m.slug },
                rationale: `${title}.`,
              },
            }
          : {}),
      };
    });
}

/** Peer outliers: members whose error ratio or p95 is far above their peers' median, with volume. */
export function peerOutliers(ctx: CheckContext, verdict: SystemicVerdict): AssistFinding[] {
  return [...silent(ctx, verdict), ...MEASURES.flatMap((measure) => judge(ctx, measure, verdict))];
}
