import { z } from 'zod';
import { FreezeOverrideRequestSchema, FreezeOverrideSchema } from './coordination.ts';
import { AnnotationSchema } from '../annotations.ts';
import { SlugSchema } from '../ingest.ts';
import { QUALITY_STATES } from '../quality.ts';
import { ACTION_CATALOGUE, ActionTypeSchema, RISKS, TARGET_KINDS } from './catalogue.ts';
import { ActionStateSchema } from './states.ts';

/** What the operator was looking at when proposing: the view, its window, key figures and data trust at that moment. */
export const EvidenceSchema = z.strictObject({
  viewUrl: z.string().min(1).max(2_000),
  window: z.strictObject({ from: z.number().int(), to: z.number().int() }),
  figures: z
    .record(z.string().min(1).max(64), z.union([z.number(), z.string().max(256), z.null()]))
    .refine((figures) => Object.keys(figures).length <= 50, 'at most 50 figures')
    .default({}),
  watermark: z.number().int().nullable(),
  quality: z.strictObject({
    state: z.enum(QUALITY_STATES),
    completeness: z.number().min(0).max(1).optional(),
    freshnessLagSeconds: z.number().nonnegative().optional(),
  }),
  /** The stored "Why?" answer the proposal came from, when it did (the approver is shown it unchanged). */
  assistId: z
    .string()
    .regex(/^as_[0-9a-f]{24}$/, 'must be an assist answer id (as_ and 24 hex digits)')
    .optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const EVIDENCE_MAX_ALERTS = 20;

/**
 * Evidence as stored with an action: what the proposer sent, plus the alert episodes the server
 * found firing on the target during the evidence window (or still firing), newest first. Never
 * taken from the client (the request's EvidenceSchema refuses `alerts`); absent on actions
 * proposed before alerts were recorded.
 */
export const StoredEvidenceSchema = EvidenceSchema.extend({
  alerts: z.array(AnnotationSchema).max(EVIDENCE_MAX_ALERTS).optional(),
});
export type StoredEvidence = z.infer<typeof StoredEvidenceSchema>;

export const ActionTargetRefSchema = z.strictObject({ kind: z.enum(TARGET_KINDS), id: SlugSchema });
export type ActionTargetRef = z.infer<typeof ActionTargetRefSchema>;

export const RATIONALE_MIN_LENGTH = 20;

/** `POST /api/v1/actions` (with an Idempotency-Key header unless dryRun). Params are checked against the catalogue. */
export const ProposeActionRequestSchema = z
  .strictObject({
    type: ActionTypeSchema,
    target: ActionTargetRefSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    rationale: z
      .string()
      .trim()
      .min(RATIONALE_MIN_LENGTH, `must be at least ${RATIONALE_MIN_LENGTH} characters: say why`)
      .max(2_000),
    evidence: EvidenceSchema,
    dryRun: z.boolean().optional(),
    /** Admins only: proceed through the change freezes covering the target, saying why (audited). */
    freezeOverride: FreezeOverrideRequestSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const definition = ACTION_CATALOGUE[body.type];
    if (body.target.kind !== definition.targetKind) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'kind'],
        message: `${body.type} acts on a ${definition.targetKind}`,
      });
    }
    const params = definition.params.safeParse(body.params);
    if (!params.success)
      for (const issue of params.error.issues)
        ctx.addIssue({
          code: 'custom',
          path: ['params', ...issue.path.map(String)],
          message: issue.message,
        });
  });
export type ProposeActionRequest = z.infer<typeof ProposeActionRequestSchema>;

export const PreconditionResultSchema = z.object({
  code: z.string(),
  passed: z.boolean(),
  message: z.string(),
});
export type PreconditionResult = z.infer<typeof PreconditionResultSchema>;

export const EVALUATION_STAGES = [
  'proposal',
  'approval',
  'execution',
  'rollback',
  'preview',
] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];

/** One policy evaluation: which policy version, who asked, and each check with its outcome. */
export const PolicyEvaluationSchema = z.object({
  stage: z.enum(EVALUATION_STAGES),
  policyName: z.string(),
  policyVersion: z.string(),
  actor: z.string(),
  passed: z.boolean(),
  results: z.array(PreconditionResultSchema),
  approvalsRequired: z.number().int(),
  autoApprove: z.boolean(),
  evaluatedAt: z.number().int(),
});
export type PolicyEvaluation = z.infer<typeof PolicyEvaluationSchema>;

export const BlastRadiusSchema = z.object({
  measure: z.string(),
  entities: z.number().int(),
  outOfService: z.number().int(),
  segment: z.string(),
  segmentEntities: z.number().int(),
  /** Entities of the segment not active now or held by other in-flight actions. */
  segmentOutOfServiceBefore: z.number().int(),
  segmentOutOfServiceAfter: z.number().int(),
  segmentRatioAfter: z.number(),
  caps: z.object({
    maxEntitiesPerAction: z.number().int(),
    maxSegmentOutOfServiceRatio: z.number(),
  }),
});
export type BlastRadius = z.infer<typeof BlastRadiusSchema>;

export const ActionTargetSchema = z.object({
  entity: z.string(),
  kind: z.string(),
  state: z.string(),
});
export type ActionTarget = z.infer<typeof ActionTargetSchema>;

export const ActionSchema = z.object({
  id: z.number().int(),
  type: ActionTypeSchema,
  label: z.string(),
  risk: z.enum(RISKS),
  reversibility: z.enum(['inverse', 'not_needed', 'irreversible']),
  target: ActionTargetRefSchema,
  segment: z.string(),
  params: z.record(z.string(), z.unknown()),
  rationale: z.string(),
  evidence: StoredEvidenceSchema,
  state: ActionStateSchema,
  proposer: z.string(),
  proposedAt: z.number().int(),
  expiresAt: z.number().int(),
  updatedAt: z.number().int(),
  policyVersion: z.string(),
  approvalsRequired: z.number().int(),
  approvers: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  failureReason: z.string().nullable(),
  /** The admin override of a change freeze the action was proposed with. */
  freezeOverride: FreezeOverrideSchema.nullable(),
  targets: z.array(ActionTargetSchema),
});
export type Action = z.infer<typeof ActionSchema>;

export const ProposedActionSchema = ActionSchema.extend({
  policy: PolicyEvaluationSchema,
  blastRadius: BlastRadiusSchema,
});
export type ProposedAction = z.infer<typeof ProposedActionSchema>;

/** A dry run creates nothing: the evaluation, the exact targets and the blast radius. */
export const DryRunResultSchema = z.object({
  dryRun: z.literal(true),
  policy: PolicyEvaluationSchema,
  targets: z.array(ActionTargetSchema),
  blastRadius: BlastRadiusSchema,
});
export type DryRunResult = z.infer<typeof DryRunResultSchema>;

export const ActionListQuerySchema = z.strictObject({
  state: ActionStateSchema.optional(),
  type: ActionTypeSchema.optional(),
  target: SlugSchema.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'is not a cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActionListQuery = z.infer<typeof ActionListQuerySchema>;

export const ActionListSchema = z.object({
  actions: z.array(ActionSchema),
  nextCursor: z.string().optional(),
});
export type ActionList = z.infer<typeof ActionListSchema>;

const OptionalComment = z.strictObject({ comment: z.string().trim().max(1_000).optional() });
export const ApproveRequestSchema = OptionalComment;
export const CancelRequestSchema = OptionalComment;
export const RollbackRequestSchema = OptionalComment;
export const RejectRequestSchema = z.strictObject({
  comment: z.string().trim().min(1, 'a rejection needs a comment').max(1_000),
});

/**
 * `GET /api/v1/actions/inbox`: proposed, unexpired actions the signed-in user may decide now (an
 * approver role for the type, not their own proposal, not approved by them already).
 */
export const ActionInboxSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Ids of those actions, soonest to expire first. */
  actionIds: z.array(z.number().int()),
  /** When the first of them expires (epoch ms, database time); null when none waits. */
  nextExpiresAt: z.number().int().nullable(),
  /** Milliseconds until then by database time, so a skewed browser clock does not mislead. */
  nextExpiresInMs: z.number().int().nonnegative().nullable(),
});
export type ActionInbox = z.infer<typeof ActionInboxSchema>;
