import { z } from 'zod';
import { RoleSchema } from '../auth.ts';
import { rolesHolding } from '../permissions.ts';
import { QUALITY_REASON_CODES, QUALITY_STATES } from '../quality.ts';
import { TeamScopeSchema, type TeamScope } from '../teams.ts';
import { ACTION_CATALOGUE, ACTION_TYPES, ActionTypeSchema, type ActionType } from './catalogue.ts';
import { CoordinationSchema } from './coordination.ts';

const EntityStateNameSchema = z.string().min(1).max(16);

export const TypePolicySchema = z.strictObject({
  enabled: z.boolean(),
  /** Roles that may propose this type. */
  proposers: z.array(RoleSchema),
  /** Roles that may approve or reject it; the proposer never counts. */
  approvers: z.array(RoleSchema),
  /**
   * Whose targets: `owning_team` limits proposing, deciding and rolling back to members of the
   * target segment's owning team (fleet-wide users are members of every team). Default `any`.
   */
  scope: TeamScopeSchema.optional(),
  /** Entity states every target must be in for the action to proceed. */
  targetStates: z.array(EntityStateNameSchema).min(1),
  expirySeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 86_400)
    .optional(),
  /** Overrides the approvals its risk class needs. */
  approvalsRequired: z.number().int().min(0).max(5).optional(),
  /** Overrides the policy's blockingQualityStates for this type. */
  blockingQualityStates: z.array(z.enum(QUALITY_STATES)).optional(),
  /**
   * Quality reasons that do not block this type, however severe: a restart of a silent entity may
   * be exactly the fix. Evidence that is not ok never auto-approves, so a human still decides.
   */
  qualityExemptReasons: z.array(z.enum(QUALITY_REASON_CODES)).optional(),
});
export type TypePolicy = z.infer<typeof TypePolicySchema>;

/**
 * Action policy as data: validated, versioned by the SHA-256 of its canonical JSON, evaluated at
 * proposal, at each approval and again at execution.
 */
export const ActionPolicySchema = z
  .strictObject({
    name: z.string().min(1).max(64),
    expirySeconds: z
      .number()
      .int()
      .positive()
      .max(7 * 86_400),
    /** The target's data over this many recent minutes must not be in a blocking quality state. */
    qualityWindowMinutes: z.number().int().min(1).max(1_440),
    blockingQualityStates: z.array(z.enum(QUALITY_STATES)),
    caps: z.strictObject({
      maxEntitiesPerAction: z.number().int().min(1).max(1_000),
      /** Share of a segment's entities that may be out of service (not active) at once, including in-flight actions. */
      maxSegmentOutOfServiceRatio: z.number().min(0).max(1),
    }),
    /** Distinct approvers needed, by class; the proposer never counts. */
    approvals: z.strictObject({
      low: z.number().int().min(0).max(5),
      high: z.number().int().min(1).max(5),
      irreversible: z.number().int().min(1).max(5),
    }),
    /** Low-risk reversible actions whose every precondition holds are approved by policy. */
    autoApproveLowRiskReversible: z.boolean(),
    rollbackRoles: z.array(RoleSchema),
    types: z.record(ActionTypeSchema, TypePolicySchema),
    /** Freezes, the conflict matrix and the systemic breaker; absent in older policies (none of them). */
    coordination: CoordinationSchema.optional(),
  })
  .superRefine((policy, ctx) => {
    for (const type of ACTION_TYPES) {
      if (!policy.types[type])
        ctx.addIssue({
          code: 'custom',
          path: ['types', type],
          message: 'every catalogue type needs a policy entry',
        });
      if (
        ACTION_CATALOGUE[type].reversibility.kind === 'irreversible' &&
        requiredApprovals(policy, type) < 1
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['types', type, 'approvalsRequired'],
          message: 'an irreversible action needs at least one human approver',
        });
      }
    }
  });
export type ActionPolicy = z.infer<typeof ActionPolicySchema>;

export type ApprovalClass = 'low' | 'high' | 'irreversible';

export function approvalClass(type: ActionType): ApprovalClass {
  const definition = ACTION_CATALOGUE[type];
  return definition.reversibility.kind === 'irreversible' ? 'irreversible' : definition.risk;
}

/** Approvals a type needs under a policy, before auto-approval is considered. */
export function requiredApprovals(
  policy: Pick<ActionPolicy, 'approvals' | 'types'>,
  type: ActionType,
): number {
  return policy.types[type]?.approvalsRequired ?? policy.approvals[approvalClass(type)];
}

/** The team scope of a type: who may act on whose targets. */
export function teamScope(policy: Pick<ActionPolicy, 'types'>, type: ActionType): TeamScope {
  return policy.types[type]?.scope ?? 'any';
}

/** Whether the policy lets this type skip human approval when every precondition holds. */
export function autoApprovable(policy: ActionPolicy, type: ActionType): boolean {
  return (
    policy.autoApproveLowRiskReversible &&
    approvalClass(type) === 'low' &&
    requiredApprovals(policy, type) <= policy.approvals.low
  );
}

// The default policy's roles are the permission vocabulary's; a deployment's policy may narrow them.
const operatorsUp = rolesHolding('actions.propose');
const approvers = rolesHolding('actions.decide');

/** The default policy: every type is limited to the owning team (fleet-wide users belong to all); restart is low risk and auto-approved on ok data (a silent target's restart needs an approver); drain, quarantine, pause and scale need one approver; flush two. */
export const DEFAULT_ACTION_POLICY: ActionPolicy = ActionPolicySchema.parse({
  name: 'default',
  expirySeconds: 30 * 60,
  qualityWindowMinutes: 15,
  blockingQualityStates: ['unsafe'],
  caps: { maxEntitiesPerAction: 10, maxSegmentOutOfServiceRatio: 0.25 },
  approvals: { low: 1, high: 1, irreversible: 2 },
  autoApproveLowRiskReversible: true,
  rollbackRoles: [...rolesHolding('actions.rollback')],
  coordination: {
    freezes: [],
    conflicts: [
      {
        types: ['scale_segment', 'drain_entity'],
        reason: 'scaling a segment while one of its entities is drained miscounts its capacity',
      },
      {
        types: ['scale_segment', 'quarantine_entity'],
        reason: 'scaling a segment while one of its entities is quarantined miscounts its capacity',
      },
      {
        types: ['scale_segment', 'restart_entity'],
        reason: 'a restart during a scale may pick the restarting entity as a replica to remove',
      },
      {
        types: ['pause_pipeline', 'flush_queue'],
        reason: 'flushing a queue whose pipeline is being paused drops what the pause would keep',
      },
    ],
    // Half a segment failing at once is one cause, not many: restarting one by one hides it.
    systemicBreaker: {
      unhealthyShare: 0.5,
      minUnhealthy: 3,
      types: ['restart_entity', 'drain_entity', 'quarantine_entity'],
    },
  },
  types: {
    // Restarting a silent entity is a usual fix for silence, so silence does not block it; a human approves it.
    restart_entity: {
      enabled: true,
      proposers: [...operatorsUp],
      approvers: [...approvers],
      scope: 'owning_team',
      targetStates: ['active', 'quarantined'],
      qualityExemptReasons: ['silent'],
    },
    drain_entity: {
      enabled: true,
      proposers: [...operatorsUp],
      approvers: [...approvers],
      scope: 'owning_team',
      targetStates: ['active'],
    },
    quarantine_entity: {
      enabled: true,
      proposers: [...operatorsUp],
      approvers: [...approvers],
      scope: 'owning_team',
      targetStates: ['active'],
    },
    pause_pipeline: {
      enabled: true,
      proposers: [...operatorsUp],
      approvers: [...approvers],
      scope: 'owning_team',
      targetStates: ['active'],
    },
    scale_segment: {
      enabled: true,
      proposers: [...operatorsUp],
      approvers: [...approvers],
      scope: 'owning_team',
      targetStates: ['active', 'drained'],
    },
    flush_queue: {
      enabled: true,
      proposers: [...operatorsUp],
      approvers: [...approvers],
      scope: 'owning_team',
      targetStates: ['active', 'paused', 'drained'],
    },
  },
});
