import { z } from 'zod';
import {
  ActionSchema,
  BlastRadiusSchema,
  PolicyEvaluationSchema,
  PreconditionResultSchema,
} from './api.ts';
import { AuditRecordSchema } from './audit.ts';

/** Whether the signed-in user may do something now, and if not, every reason why. */
export const AbilitySchema = z.object({ allowed: z.boolean(), reasons: z.array(z.string()) });
export type Ability = z.infer<typeof AbilitySchema>;

export const ACTION_ABILITIES = ['approve', 'reject', 'cancel', 'rollback'] as const;
export type ActionAbilityName = (typeof ACTION_ABILITIES)[number];

/** `GET /api/v1/actions/:actionId`: the action with everything the approvals screen shows. */
export const ActionDetailSchema = z.object({
  action: ActionSchema,
  approvals: z.array(
    z.object({ approver: z.string(), at: z.number().int(), comment: z.string().nullable() }),
  ),
  evaluations: z.array(PolicyEvaluationSchema.extend({ id: z.number().int() })),
  timeline: z.array(AuditRecordSchema),
  /** Each precondition evaluated now, against the current policy. */
  preconditions: z.array(PreconditionResultSchema),
  blastRadius: BlastRadiusSchema,
  currentPolicyVersion: z.string(),
  approvalsSoFar: z.number().int(),
  approvalsRequired: z.number().int(),
  /** Milliseconds until a proposed action expires, by database time; null once decided. */
  expiresInMs: z.number().int().nullable(),
  abilities: z.record(z.enum(ACTION_ABILITIES), AbilitySchema),
});
export type ActionDetail = z.infer<typeof ActionDetailSchema>;
