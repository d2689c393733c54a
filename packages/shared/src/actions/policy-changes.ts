import { z } from 'zod';
import { ActionPolicySchema } from './policy.ts';

/** A policy version: the SHA-256 (hex) of the policy's canonical JSON. */
export const PolicyVersionSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character hex hash');

/** Distinct admins, other than the proposer, whose approval activates a policy change. */
export const POLICY_CHANGE_APPROVALS = 2;

/** How many recent proposal evaluations a shadow report replays. */
export const SHADOW_SAMPLE = 100;

export const POLICY_CHANGE_STATES = [
  'proposed',
  'active',
  'rejected',
  'cancelled',
  'expired',
  'superseded',
] as const;
export const PolicyChangeStateSchema = z.enum(POLICY_CHANGE_STATES);
export type PolicyChangeState = z.infer<typeof PolicyChangeStateSchema>;

/** One changed leaf of the policy's JSON; an added or removed key has `before` or `after` null. */
export const PolicyDiffEntrySchema = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type PolicyDiffEntry = z.infer<typeof PolicyDiffEntrySchema>;

/** A decision in a shadow report: passed, and the codes of the checks that failed. */
export const ShadowOutcomeSchema = z.object({
  passed: z.boolean(),
  failed: z.array(z.string()),
});
export type ShadowOutcome = z.infer<typeof ShadowOutcomeSchema>;

export const ShadowDifferenceSchema = z.object({
  /** Null for a refused proposal (no action was created). */
  actionId: z.number().int().nullable(),
  type: z.string(),
  target: z.string(),
  proposedAt: z.number().int(),
  before: ShadowOutcomeSchema,
  after: ShadowOutcomeSchema,
});
export type ShadowDifference = z.infer<typeof ShadowDifferenceSchema>;

/**
 * What the proposed policy would have decided on the last proposals (refused ones included),
 * beside what the policy each was judged under decides. Records whose inputs no longer parse are
 * counted as skipped, never guessed.
 */
export const ShadowReportSchema = z.object({
  evaluated: z.number().int().min(0),
  skipped: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  nowAllowed: z.number().int().min(0),
  nowRefused: z.number().int().min(0),
  /** Refused before and after, for different checks. */
  refusedDifferently: z.number().int().min(0).default(0),
  differences: z.array(ShadowDifferenceSchema),
});
export type ShadowReport = z.infer<typeof ShadowReportSchema>;

const CommentSchema = z.string().trim().min(1).max(2_000);

/** `POST /api/v1/policy/changes`: the whole new policy, validated field by field. */
export const ProposePolicyChangeRequestSchema = z.strictObject({
  policy: ActionPolicySchema,
  comment: CommentSchema,
});
export type ProposePolicyChangeRequest = z.infer<typeof ProposePolicyChangeRequestSchema>;

/** `POST …/approve`: `version` must be the change's proposed version, the one the approver saw. */
export const ApprovePolicyChangeRequestSchema = z.strictObject({
  version: PolicyVersionSchema,
  comment: CommentSchema.optional(),
});
export type ApprovePolicyChangeRequest = z.infer<typeof ApprovePolicyChangeRequestSchema>;

export const RejectPolicyChangeRequestSchema = z.strictObject({ comment: CommentSchema });
export const CancelPolicyChangeRequestSchema = z.strictObject({
  comment: CommentSchema.optional(),
});

export const PolicyChangeApprovalSchema = z.object({
  approver: z.string(),
  comment: z.string().nullable(),
  at: z.number().int(),
});
export type PolicyChangeApproval = z.infer<typeof PolicyChangeApprovalSchema>;

/** A policy change as the API shows it, with the diff and shadow report stored at proposal. */
export const PolicyChangeSchema = z.object({
  id: z.number().int(),
  proposedVersion: PolicyVersionSchema,
  baseVersion: PolicyVersionSchema,
  proposer: z.string(),
  comment: z.string(),
  state: PolicyChangeStateSchema,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  decidedAt: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
  approvals: z.array(PolicyChangeApprovalSchema),
  approvalsRequired: z.number().int(),
  /** Whether another version became active since the proposal: approving it would be refused. */
  stale: z.boolean(),
  policy: ActionPolicySchema,
  diff: z.array(PolicyDiffEntrySchema),
  shadow: ShadowReportSchema,
});
export type PolicyChange = z.infer<typeof PolicyChangeSchema>;

export const PolicyChangeListSchema = z.object({ changes: z.array(PolicyChangeSchema) });
export type PolicyChangeList = z.infer<typeof PolicyChangeListSchema>;

/** `GET /api/v1/policy`: the active policy and how it became active. */
export const ActivePolicySchema = z.object({
  version: PolicyVersionSchema,
  policy: ActionPolicySchema,
  activatedAt: z.number().int(),
  /** `system` for the version seeded at first boot. */
  activatedBy: z.string(),
  /** The change that activated it; null for the seed. */
  changeId: z.number().int().nullable(),
});
export type ActivePolicy = z.infer<typeof ActivePolicySchema>;
