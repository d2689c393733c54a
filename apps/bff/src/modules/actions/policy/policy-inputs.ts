import type { Role } from '@watchfloor/shared/auth';
import type { ActionTargetRef, EvaluationStage } from '@watchfloor/shared/actions/api';
import {
  outOfServiceCount,
  type ActionType,
  type TargetKind,
} from '@watchfloor/shared/actions/catalogue';
import type { Queryable } from '../../../db/pool.ts';
import { findSegment } from '../../fleet/fleet.repository.ts';
import { approvalsOf } from '../store/action-records.repository.ts';
import type { ActionRecord } from '../store/actions.repository.ts';
import type { EvaluationInputs } from './policy-evaluation.ts';
import {
  conflictingActions,
  entitiesInState,
  entitiesOfSegment,
  findEntityWithSegment,
  inFlightHolds,
  inFlightInSegment,
  segmentCounts,
  segmentOwner,
  targetsOfActions,
  type TargetEntity,
} from '../store/targets.repository.ts';
import type { QualityScope } from '../../quality/quality.service.ts';
import type { TargetQuality } from './target-quality.ts';
import type { SegmentHealthFacts } from './segment-health.ts';

export interface ResolvedTarget {
  kind: TargetKind;
  slug: string;
  segmentId: number;
  segmentSlug: string;
  /** The exact entities the action acts on. */
  entities: TargetEntity[];
  shortfall: string | null;
  /** The scope whose data quality the precondition judges: the entity itself, or the whole segment. */
  qualityScope: QualityScope;
}

/** Resolves a proposal's target to its exact entities (scale picks replicas in slug order); null when it does not exist. */
export async function resolveTarget(
  conn: Queryable,
  type: ActionType,
  target: ActionTargetRef,
  params: Record<string, unknown>,
): Promise<ResolvedTarget | null> {
  if (target.kind === 'entity') {
    const entity = await findEntityWithSegment(conn, target.id);
    if (!entity) return null;
    const { segmentId, segmentSlug, ...rest } = entity;
    return {
      kind: 'entity',
      slug: entity.slug,
      segmentId,
      segmentSlug,
      entities: [rest],
      shortfall: null,
      qualityScope: { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state },
    };
  }
  const segment = await findSegment(conn, target.id);
  if (!segment) return null;
  const members = await entitiesOfSegment(conn, segment.id);
  const delta = type === 'scale_segment' ? Number(params.replicasDelta ?? 0) : 0;
  const wanted = Math.abs(delta);
  const from = delta < 0 ? 'active' : 'drained';
  const entities =
    wanted === 0
      ? []
      : await entitiesInState(conn, segment.id, from, delta < 0 ? 'desc' : 'asc', wanted);
  const shortfall =
    entities.length < wanted
      ? `only ${entities.length} ${from} replica(s) of ${segment.slug} can be ${delta < 0 ? 'removed' : 'added back'}; asked for ${wanted}`
      : null;
  return {
    kind: 'segment',
    slug: segment.slug,
    segmentId: segment.id,
    segmentSlug: segment.slug,
    entities,
    shortfall,
    qualityScope: { kind: 'segment', id: segment.id, slug: segment.slug, entities: members },
  };
}

/** The target of an existing action: the entities fixed at proposal, with their current state. */
export async function storedTarget(conn: Queryable, action: ActionRecord): Promise<ResolvedTarget> {
  const entities = (await targetsOfActions(conn, [action.id])).get(action.id) ?? [];
  const first = entities[0];
  const qualityScope: QualityScope =
    action.targetKind === 'segment' || !first
      ? {
          kind: 'segment',
          id: action.segmentId,
          slug: action.segmentSlug,
          entities: await entitiesOfSegment(conn, action.segmentId),
        }
      : { kind: 'entity', id: first.id, slug: first.slug, state: first.state };
  return {
    kind: action.targetKind,
    slug: action.targetSlug,
    segmentId: action.segmentId,
    segmentSlug: action.segmentSlug,
    entities,
    shortfall: null,
    qualityScope,
  };
}

export interface InputRequest {
  stage: EvaluationStage;
  actor: { username: string; roles: Role[]; teams: string[] };
  action: EvaluationInputs['action'];
  target: ResolvedTarget;
  /** Null where the stage does not judge data quality (rollback). */
  quality: TargetQuality | null;
  /** The segment's live health, where the stage judges the systemic breaker. */
  segmentHealth?: SegmentHealthFacts;
}

/** Reads what the policy needs about the target's segment and the other actions in flight. */
export async function gatherInputs(
  conn: Queryable,
  request: InputRequest,
): Promise<EvaluationInputs> {
  const { target, action } = request;
  const ownIds = new Set(target.entities.map((e) => e.id));
  const [counts, owner, holds, conflicts, segmentActions] = await Promise.all([
    segmentCounts(conn, target.segmentId),
    segmentOwner(conn, target.segmentId),
    inFlightHolds(conn, target.segmentId, action.id),
    conflictingActions(conn, {
      entityIds: [...ownIds],
      segmentId: target.segmentId,
      targetKind: target.kind,
      excludeActionId: action.id,
    }),
    inFlightInSegment(conn, target.segmentId, action.id),
  ]);
  const held = new Set<number>();
  for (const hold of holds) {
    const params = JSON.parse(hold.params) as Record<string, unknown>;
    if (
      hold.entityState === 'active' &&
      !ownIds.has(hold.entityId) &&
      outOfServiceCount(hold.type as ActionType, params, 1) > 0
    )
      held.add(hold.entityId);
  }
  return {
    stage: request.stage,
    actor: {
      username: request.actor.username,
      roles: request.actor.roles,
      teams: request.actor.teams,
    },
    action,
    targets: target.entities.map(({ slug, kind, state }) => ({ slug, kind, state })),
    shortfall: target.shortfall,
    quality: request.quality && {
      state: request.quality.state,
      reasons: request.quality.reasons,
      findings: request.quality.findings,
    },
    conflicts,
    segmentActions,
    segment: {
      slug: target.segmentSlug,
      owner,
      entities: counts.entities,
      notActive: counts.notActive,
      heldByOthers: held.size,
      ...(request.segmentHealth ? { health: request.segmentHealth } : {}),
    },
  };
}

/**
 * Inputs for a stage of an existing action, read through the caller's connection (inside its
 * transaction, after the action is locked): its approvers so far and its stored target too.
 */
export async function inputsForAction(
  conn: Queryable,
  request: Omit<InputRequest, 'action' | 'target'> & { record: ActionRecord },
): Promise<{ approvers: string[]; target: ResolvedTarget; inputs: EvaluationInputs }> {
  const { record, ...stage } = request;
  const approvals = (await approvalsOf(conn, [record.id])).get(record.id) ?? [];
  const approvers = approvals.map((a) => a.approver);
  const target = await storedTarget(conn, record);
  const inputs = await gatherInputs(conn, {
    ...stage,
    action: actionFacts(record, approvers),
    target,
  });
  return { approvers, target, inputs };
}

/** The `action` part of the inputs for an existing action. */
export function actionFacts(record: ActionRecord, approvers: string[]): EvaluationInputs['action'] {
  return {
    id: record.id,
    type: record.type,
    target: { kind: record.targetKind, id: record.targetSlug },
    params: record.params,
    proposer: record.proposer,
    approvers,
    policyVersion: record.policyVersion,
    freezeOverride: record.freezeOverride,
  };
}
