import { z } from 'zod';

export const ACTION_TYPES = [
  'restart_entity',
  'drain_entity',
  'quarantine_entity',
  'pause_pipeline',
  'scale_segment',
  'flush_queue',
] as const;
export const ActionTypeSchema = z.enum(ACTION_TYPES);
export type ActionType = (typeof ACTION_TYPES)[number];

export const TARGET_KINDS = ['entity', 'segment'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const RISKS = ['low', 'high'] as const;
export type Risk = (typeof RISKS)[number];

const NoParamsSchema = z.strictObject({});
export const ScaleParamsSchema = z.strictObject({
  /** Replicas to add (positive) or remove (negative); the rollback applies the opposite. */
  replicasDelta: z
    .number()
    .int()
    .min(-50)
    .max(50)
    .refine((n) => n !== 0, 'must not be 0'),
});

/**
 * How an action is undone. `inverse`: the rollback endpoint applies the named inverse operation.
 * `not_needed`: the action leaves nothing to undo (it counts as reversible). `irreversible`: no way back.
 */
export type Reversibility =
  | { kind: 'inverse'; rollback: string }
  | { kind: 'not_needed'; note: string }
  | { kind: 'irreversible'; note: string };

/** What an action's blast radius is measured in, and which targets it takes out of service. */
export interface BlastRadiusMeasure {
  measure: string;
  /** `targets`: every target entity leaves service; `negative_delta`: only when scaling in; `none`. */
  outOfService: 'targets' | 'negative_delta' | 'none';
}

export interface ActionDefinition {
  type: ActionType;
  label: string;
  description: string;
  targetKind: TargetKind;
  /** Entity kinds the action applies to; absent = any kind. */
  entityKinds?: readonly string[];
  params: z.ZodType<Record<string, unknown>>;
  risk: Risk;
  reversibility: Reversibility;
  blastRadius: BlastRadiusMeasure;
}

/** The action catalogue: what each control action does, to what, how risky it is and how it is undone. */
export const ACTION_CATALOGUE: Readonly<Record<ActionType, ActionDefinition>> = {
  restart_entity: {
    type: 'restart_entity',
    label: 'Restart entity',
    description: 'Restarts one entity; injected faults on it clear.',
    targetKind: 'entity',
    params: NoParamsSchema,
    risk: 'low',
    reversibility: {
      kind: 'not_needed',
      note: 'A restart returns the entity to its configured state; there is nothing to undo.',
    },
    blastRadius: { measure: 'entities restarted', outOfService: 'none' },
  },
  drain_entity: {
    type: 'drain_entity',
    label: 'Drain entity',
    description: 'Stops routing traffic to one entity.',
    targetKind: 'entity',
    params: NoParamsSchema,
    risk: 'high',
    reversibility: { kind: 'inverse', rollback: 'undrain: route traffic to the entity again' },
    blastRadius: { measure: 'entities drained', outOfService: 'targets' },
  },
  quarantine_entity: {
    type: 'quarantine_entity',
    label: 'Quarantine entity',
    description: 'Isolates one entity: no traffic, heartbeats continue for diagnosis.',
    targetKind: 'entity',
    params: NoParamsSchema,
    risk: 'high',
    reversibility: { kind: 'inverse', rollback: 'release: return the entity to service' },
    blastRadius: { measure: 'entities quarantined', outOfService: 'targets' },
  },
  pause_pipeline: {
    type: 'pause_pipeline',
    label: 'Pause pipeline',
    description: 'Stops a pipeline consuming; its queue grows until resumed.',
    targetKind: 'entity',
    entityKinds: ['pipeline'],
    params: NoParamsSchema,
    risk: 'high',
    reversibility: { kind: 'inverse', rollback: 'resume: the pipeline consumes again' },
    blastRadius: { measure: 'pipelines paused', outOfService: 'targets' },
  },
  scale_segment: {
    type: 'scale_segment',
    label: 'Scale segment',
    description: 'Adds or removes replicas of a segment (removed replicas are drained).',
    targetKind: 'segment',
    params: ScaleParamsSchema,
    risk: 'high',
    reversibility: { kind: 'inverse', rollback: 'scale by the opposite delta' },
    blastRadius: { measure: 'replicas changed', outOfService: 'negative_delta' },
  },
  flush_queue: {
    type: 'flush_queue',
    label: 'Flush queue',
    description: "Discards an entity's queued backlog.",
    targetKind: 'entity',
    entityKinds: ['pipeline', 'worker'],
    params: NoParamsSchema,
    risk: 'high',
    reversibility: { kind: 'irreversible', note: 'Flushed messages are gone.' },
    blastRadius: { measure: 'queues flushed', outOfService: 'none' },
  },
};

export function isReversible(type: ActionType): boolean {
  return ACTION_CATALOGUE[type].reversibility.kind !== 'irreversible';
}

/** How many of `targets` entities the action takes out of service. */
export function outOfServiceCount(
  type: ActionType,
  params: Record<string, unknown>,
  targets: number,
): number {
  const rule = ACTION_CATALOGUE[type].blastRadius.outOfService;
  if (rule === 'targets') return targets;
  if (rule === 'negative_delta') return Number(params.replicasDelta ?? 0) < 0 ? targets : 0;
  return 0;
}
