import { z } from 'zod';
import { ActionTypeSchema, TARGET_KINDS } from './actions/catalogue.ts';
import { ActionStateSchema } from './actions/states.ts';
import { SlugSchema } from './ingest.ts';
import { QualitySchema } from './quality.ts';
import { QueryInstantSchema, resolveQueryWindow } from './time-window.ts';

/**
 * "Why?" — deterministic triage assistance from rollups. Every rule and threshold is stated in
 * docs/assist.md; a change to any of them changes RULES_VERSION, so a stored answer always says
 * which rules produced it.
 */
export const ASSIST_RULES_VERSION = 'assist-rules/2026-12-05.1';

export const ASSIST_SCOPES = ['fleet', 'segment', 'entity'] as const;
export type AssistScopeKind = (typeof ASSIST_SCOPES)[number];

export const ASSIST_CHECKS = [
  'contribution',
  'peer_outliers',
  'what_changed',
  'onset',
  'systemic',
] as const;
export type AssistCheck = (typeof ASSIST_CHECKS)[number];

/** Thresholds of every check, defined once for the BFF, the SPA and docs/assist.md. */
export const ASSIST_RULES = {
  /** A contributor is interesting when its share of the excess is at least this … */
  contributionMinExcessShare: 0.3,
  /** … and its lift (share of excess ÷ share of traffic) at least this … */
  contributionMinLift: 1.5,
  /** … and its two-proportion z-score (error ratio now vs baseline) at least this. */
  contributionMinZ: 3,
  /** The scope's own excess must reach this many errors (or this many ms of added latency per request) to explain anything. */
  minExcessErrors: 10,
  minExcessLatencyMsPerRequest: 20,
  /** A peer outlier needs a robust score (|x − median| ÷ (1.4826 × MAD)) of at least this … */
  outlierMinRobustScore: 3.5,
  /** … at least this many requests in the window (four events never make an outlier) … */
  outlierMinRequests: 50,
  /** … and at least this many peers with that volume to compare with. */
  outlierMinPeers: 4,
  /** What changed: marks in [window start − this, window end]. */
  changeLookbackMs: 30 * 60_000,
  /** Onset: the first minute of the first run of this many minutes above the baseline band. */
  onsetMinRunMinutes: 3,
  /** Systemic: when at least this share of a segment's active entities are affected, no single culprit is named. */
  systemicAffectedShare: 0.5,
  /** Similar incidents: signature overlap (Jaccard-weighted) of at least this. */
  similarMinOverlap: 0.5,
  /** Novelty: similar incidents in the last 30 days as a share of the scope's incidents. */
  noveltyFrequentShare: 0.3,
  noveltyLookbackMs: 30 * 86_400_000,
  /** Similar incidents listed at most. */
  similarMax: 5,
} as const;

const Ts = z.number().int();
export const AssistWindowSchema = z.object({ from: Ts, to: Ts });
export type AssistWindow = z.infer<typeof AssistWindowSchema>;

export const AssistScopeSchema = z.object({
  kind: z.enum(ASSIST_SCOPES),
  /** Segment or entity slug; absent for the fleet. */
  id: SlugSchema.optional(),
});
export type AssistScope = z.infer<typeof AssistScopeSchema>;

/**
 * `GET /api/v1/assist/why?scope=&id=&from=&to=[&baselineFrom=&baselineTo=]`. The baseline
 * defaults to the preceding window of equal length.
 */
export const WhyQuerySchema = z
  .object({
    scope: z.enum(ASSIST_SCOPES),
    id: SlugSchema.optional(),
    from: QueryInstantSchema.optional(),
    to: QueryInstantSchema.optional(),
    baselineFrom: QueryInstantSchema.optional(),
    baselineTo: QueryInstantSchema.optional(),
  })
  .transform((value, ctx) => {
    if (value.scope !== 'fleet' && !value.id)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `is required for a ${value.scope}` });
    if (value.scope === 'fleet' && value.id)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'must be absent for the fleet' });
    const { from, to } = resolveQueryWindow(value, ctx);
    if ((value.baselineFrom === undefined) !== (value.baselineTo === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [value.baselineFrom === undefined ? 'baselineFrom' : 'baselineTo'],
        message: 'baselineFrom and baselineTo go together',
      });
    const baseline =
      value.baselineFrom !== undefined && value.baselineTo !== undefined
        ? { from: value.baselineFrom, to: value.baselineTo, chosen: true }
        : { from: from - (to - from), to: from, chosen: false };
    if (baseline.to <= baseline.from)
      ctx.addIssue({
        code: 'custom',
        path: ['baselineTo'],
        message: 'must be later than baselineFrom',
      });
    if (baseline.chosen && baseline.to > from)
      ctx.addIssue({
        code: 'custom',
        path: ['baselineTo'],
        message: 'must not be later than from',
      });
    return {
      scope: { kind: value.scope, ...(value.id ? { id: value.id } : {}) } as AssistScope,
      window: { from, to },
      baseline,
    };
  });
export type WhyQuery = z.output<typeof WhyQuerySchema>;

/**
 * Where a number came from: the rollup (or record) read, for which scope and window, the figure
 * and its value, and a drill-down link at exactly that window.
 */
export const AssistEvidenceSchema = z.object({
  source: z.enum([
    'rollups_1m',
    'rollups_1h',
    'rollup_error_classes',
    'changes',
    'alert_episodes',
    'actions',
    'incidents',
  ]),
  scope: AssistScopeSchema,
  window: AssistWindowSchema,
  figure: z.string(),
  value: z.number().nullable(),
  /** SPA path with the window in the query, e.g. `/segments/checkout-eu?from=…&to=…`. */
  link: z.string(),
});
export type AssistEvidence = z.infer<typeof AssistEvidenceSchema>;

/** A suggested proposal: only ever pre-fills the proposal form; a human submits it. */
export const AssistProposalSchema = z.object({
  type: ActionTypeSchema,
  target: z.object({ kind: z.enum(TARGET_KINDS), id: SlugSchema }),
  rationale: z.string(),
});
export type AssistProposal = z.infer<typeof AssistProposalSchema>;

export const AssistFindingSchema = z.object({
  check: z.enum(ASSIST_CHECKS),
  /** Whether the check's rule (docs/assist.md) says this is worth a look. */
  interesting: z.boolean(),
  title: z.string(),
  message: z.string(),
  /** Ranking within the answer: higher first. Comparable across checks only by order. */
  score: z.number(),
  /** What the finding is about: an entity, an error class, an event kind, a mark, a minute. */
  subject: z
    .object({
      kind: z.enum([
        'segment',
        'entity',
        'error_class',
        'event_kind',
        'change',
        'alert',
        'action',
        'minute',
      ]),
      id: z.string(),
    })
    .optional(),
  evidence: z.array(AssistEvidenceSchema),
  propose: AssistProposalSchema.optional(),
});
export type AssistFinding = z.infer<typeof AssistFindingSchema>;

/** One read behind the answer: what, for which scope and window, and how many rows it gave. */
export const AssistInputSchema = z.object({
  source: AssistEvidenceSchema.shape.source,
  scope: AssistScopeSchema,
  window: AssistWindowSchema,
  rows: z.number().int().nonnegative(),
});
export type AssistInput = z.infer<typeof AssistInputSchema>;

export const SimilarIncidentSchema = z.object({
  segment: SlugSchema,
  start: Ts,
  end: Ts,
  durationMinutes: z.number().nonnegative(),
  ongoing: z.boolean(),
  /** Signature overlap with the current window, 0…1. */
  overlap: z.number().min(0).max(1),
  signature: z.object({
    entities: z.array(z.string()),
    errorClasses: z.array(z.string()),
    shape: z.enum(['errors', 'latency', 'both']),
  }),
  /** Actions executed in the incident's window, with how they ended. */
  actions: z.array(
    z.object({
      id: z.number().int().positive(),
      type: ActionTypeSchema,
      target: z.object({ kind: z.enum(TARGET_KINDS), id: z.string() }),
      state: ActionStateSchema,
      at: Ts,
    }),
  ),
  link: z.string(),
});
export type SimilarIncident = z.infer<typeof SimilarIncidentSchema>;

export const NoveltySchema = z.object({
  label: z.enum(['frequent', 'rare', 'new']),
  /** Similar incidents in the last 30 days ÷ the scope's incidents then (0 when it had none). */
  share: z.number().min(0).max(1),
  similarIncidents: z.number().int().nonnegative(),
  incidents: z.number().int().nonnegative(),
});
export type Novelty = z.infer<typeof NoveltySchema>;

export const AssistRefusalSchema = z.object({
  message: z.string(),
  quality: QualitySchema,
});

export const AssistAnswerSchema = z.object({
  /** `as_` + 24 hex digits; `GET /api/v1/assist/:id` returns this answer unchanged. */
  id: z.string().regex(/^as_[0-9a-f]{24}$/),
  status: z.enum(['ok', 'refused']),
  refusal: AssistRefusalSchema.optional(),
  rulesVersion: z.string(),
  scope: AssistScopeSchema,
  window: AssistWindowSchema,
  baseline: AssistWindowSchema.extend({ chosen: z.boolean() }),
  /** SHA-256 of the canonical JSON of every input read (their rows included). */
  inputsHash: z.string().regex(/^[0-9a-f]{64}$/),
  inputs: z.array(AssistInputSchema),
  /** Interesting findings first, then by score. */
  findings: z.array(AssistFindingSchema),
  novelty: NoveltySchema.optional(),
  similar: z.array(SimilarIncidentSchema),
  createdAt: Ts,
  createdBy: z.string(),
});
export type AssistAnswer = z.infer<typeof AssistAnswerSchema>;

export const ASSIST_ID_PATTERN = /^as_[0-9a-f]{24}$/;
