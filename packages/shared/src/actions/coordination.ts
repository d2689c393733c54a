import { z } from 'zod';
import { ACTION_CATALOGUE, ActionTypeSchema, type ActionType } from './catalogue.ts';

const SegmentSlugSchema = z.string().min(1).max(128);

/**
 * A change freeze or maintenance window: proposals, approvals and executions on its segments (all
 * of them when `segments` is absent) inside [from, to) are refused unless an admin overrode it,
 * with a reason, when proposing.
 */
export const FreezeSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    kind: z.enum(['freeze', 'maintenance']),
    segments: z.array(SegmentSlugSchema).min(1).max(200).optional(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    reason: z.string().min(1).max(200),
  })
  .refine((f) => Date.parse(f.from) < Date.parse(f.to), {
    path: ['to'],
    message: 'must be after from',
  });
export type Freeze = z.infer<typeof FreezeSchema>;

/** Two types that may not be in flight together on overlapping targets (an entity and its segment, or the same target). */
export const ConflictRuleSchema = z.strictObject({
  types: z.tuple([ActionTypeSchema, ActionTypeSchema]),
  reason: z.string().min(1).max(200),
});
export type ConflictRule = z.infer<typeof ConflictRuleSchema>;

/**
 * When more than `unhealthyShare` of a segment's entities (and at least `minUnhealthy` of them) are
 * unhealthy at once, per-entity remediation of the listed types is refused: the cause is systemic.
 */
export const SystemicBreakerSchema = z.strictObject({
  unhealthyShare: z.number().gt(0).max(1),
  minUnhealthy: z.number().int().min(1).max(10_000),
  /** Per-entity types only: segment-wide action is what a systemic failure calls for. */
  types: z
    .array(
      ActionTypeSchema.refine(
        (type) => ACTION_CATALOGUE[type].targetKind === 'entity',
        'the breaker refuses per-entity remediation; segment-wide types stay open',
      ),
    )
    .min(1),
});
export type SystemicBreaker = z.infer<typeof SystemicBreakerSchema>;

/** How actors coordinate: declared in the versioned policy, evaluated at every stage. */
export const CoordinationSchema = z.strictObject({
  freezes: z.array(FreezeSchema).max(100),
  conflicts: z.array(ConflictRuleSchema).max(100),
  systemicBreaker: SystemicBreakerSchema.nullable(),
});
export type Coordination = z.infer<typeof CoordinationSchema>;

export const NO_COORDINATION: Coordination = { freezes: [], conflicts: [], systemicBreaker: null };

/** The conflict rule that forbids `a` and `b` together, whichever order they are named in. */
export function conflictRule(
  rules: readonly ConflictRule[],
  a: ActionType,
  b: ActionType,
): ConflictRule | undefined {
  return rules.find(({ types: [x, y] }) => (x === a && y === b) || (x === b && y === a));
}

/** The freezes covering a segment at an instant. */
export function activeFreezes(freezes: readonly Freeze[], segment: string, at: number): Freeze[] {
  return freezes.filter(
    (f) =>
      Date.parse(f.from) <= at &&
      at < Date.parse(f.to) &&
      (f.segments === undefined || f.segments.includes(segment)),
  );
}

/** An admin's override of the freezes covering a proposal, kept with the action. */
export const FreezeOverrideRequestSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10, 'must be at least 10 characters: say why the freeze does not apply')
    .max(500),
});
/** The override as kept: who, why, and the freezes (by id) it lets the action through. */
export const FreezeOverrideSchema = z.object({
  by: z.string(),
  reason: z.string(),
  freezes: z.array(z.string()),
});
export type FreezeOverride = z.infer<typeof FreezeOverrideSchema>;
