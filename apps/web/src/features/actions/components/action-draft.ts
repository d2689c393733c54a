import type { Evidence } from '@watchfloor/shared/actions/api';
import {
  ACTION_CATALOGUE,
  ACTION_TYPES,
  type ActionDefinition,
  type ActionType,
  type TargetKind,
} from '@watchfloor/shared/actions/catalogue';

/** The catalogue types that act on this kind of target (and, for entities, on this entity kind). */
export function typesFor(kind: TargetKind, entityKind: string | null): ActionDefinition[] {
  return ACTION_TYPES.map((type) => ACTION_CATALOGUE[type]).filter(
    (definition) =>
      definition.targetKind === kind &&
      (!definition.entityKinds ||
        entityKind === null ||
        definition.entityKinds.includes(entityKind)),
  );
}

/** Form fields of each type's parameters, matching the catalogue's parameter schemas. */
export const PARAM_FIELDS: Partial<
  Record<
    ActionType,
    readonly { name: string; label: string; min: number; max: number; initial: number }[]
  >
> = {
  scale_segment: [
    {
      name: 'replicasDelta',
      label: 'Replicas to add (negative removes)',
      min: -50,
      max: 50,
      initial: 1,
    },
  ],
};

export function initialParams(type: ActionType): Record<string, number> {
  return Object.fromEntries((PARAM_FIELDS[type] ?? []).map((field) => [field.name, field.initial]));
}

/** The catalogue's own check of the parameters, in words, or null when they are valid. */
export function paramsProblem(type: ActionType, params: Record<string, unknown>): string | null {
  const parsed = ACTION_CATALOGUE[type].params.safeParse(params);
  if (parsed.success) return null;
  return parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'params'} ${issue.message}`)
    .join('; ');
}

/** The preview does not depend on the rationale; until one is written, a stand-in lets it run. */
export const PREVIEW_RATIONALE = 'Preview only: the rationale is not written yet.';

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

/**
 * What a "Why?" finding fills in. It only pre-fills the form: the human reads, edits and submits
 * it through the normal proposal path.
 */
export interface ProposalPrefill {
  type: ActionType;
  rationale: string;
  /** The stored answer the suggestion came from; it travels in the evidence to the approver. */
  assistId: string;
  /** The answer's window: the evidence figures are read over exactly it. */
  window: { from: number; to: number };
}

/** The suggested type when this target offers it, else the first type the target offers. */
export function initialType(
  types: readonly ActionDefinition[],
  suggested?: ActionType,
): ActionType {
  if (suggested && types.some((definition) => definition.type === suggested)) return suggested;
  return types[0]?.type ?? 'restart_entity';
}

/** The evidence, naming the "Why?" answer the proposal came from when it did. */
export function withAssist(evidence: Evidence, assistId: string | undefined): Evidence {
  return assistId ? { ...evidence, assistId } : evidence;
}
