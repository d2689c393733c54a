import type { Role } from '@watchfloor/shared/auth';
import type { ActionTargetRef, EvaluationStage } from '@watchfloor/shared/actions/api';
import {
  outOfServiceCount,
  type ActionType,
  type TargetKind,
} from '@watchfloor/shared/actions/catalogue';
import type { Queryable, Pool } from '../../db/pool.ts';
import { findSegment } from '../fleet/fleet.repository.ts';
import type { ActionRecord } from './actions.repository.ts';
import type { EvaluationInputs } from './policy-evaluation.ts';
import {
  conflictingActions,
  entitiesInState,
  entitiesOfSegment,
  findEntityWithSegment,
  inFlightHolds,
  segmentCounts,
  targetsOfActions,
  type TargetEntity,
} from './targets.repository.ts';
import type { Quality, QualityReasonCode, QualityState } from '@watchfloor/shared/quality';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import { assessQuality, toQuality, type QualityScope } from '../quality/quality.service.ts';

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
  actor: { username: string; roles: Role[] };
  action: EvaluationInputs['action'];
  target: ResolvedTarget;
  /** Null where the stage does not judge data quality (rollback). */
  quality: TargetQuality | null;
}

/** Reads what the policy needs about the target's segment and the other actions in flight. */
export async function gatherInputs(
  conn: Queryable,
  request: InputRequest,
): Promise<EvaluationInputs> {
  const { target, action } = request;
  const ownIds = new Set(target.entities.map((e) => e.id));
  const [counts, holds, conflicts] = await Promise.all([
    segmentCounts(conn, target.segmentId),
    inFlightHolds(conn, target.segmentId, action.id),
    conflictingActions(conn, {
      entityIds: [...ownIds],
      segmentId: target.segmentId,
      targetKind: target.kind,
      excludeActionId: action.id,
    }),
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
    actor: { username: request.actor.username, roles: request.actor.roles },
    action,
    targets: target.entities.map(({ slug, kind, state }) => ({ slug, kind, state })),
    shortfall: target.shortfall,
    quality: request.quality && {
      state: request.quality.state,
      reasons: request.quality.reasons,
      findings: request.quality.findings,
    },
    conflicts,
    segment: {
      slug: target.segmentSlug,
      entities: counts.entities,
      notActive: counts.notActive,
      heldByOthers: held.size,
    },
  };
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
  };
}

export interface TargetQuality {
  state: QualityState;
  reasons: string[];
  /** The reason codes with their severities, so a policy can exempt some for some types. */
  findings: { code: QualityReasonCode; severity: QualityState }[];
  /** The full block, for a response envelope. */
  report: Quality;
}

/** Target quality computations in flight, per pool: callers judging the same target at once share one. */
const inFlight = new WeakMap<object, Map<string, Promise<TargetQuality>>>();

/**
 * The data quality of the target over the policy's recent window, by the same model every screen
 * uses: its own silence, pending data and gaps, and the pipeline. A partial newest minute has
 * severity ok, so it never blocks. Concurrent callers for the same target (racing approvals or
 * executions) share the computation in flight — never a finished one, so every decision reads
 * quality at least as new as its own request. Read before a transaction opens: it uses the pool,
 * never a transaction's connection.
 */
export function targetQuality(
  deps: { pool: Pool; thresholds?: QualityThresholds },
  scope: QualityScope,
  windowMinutes: number,
): Promise<TargetQuality> {
  let running = inFlight.get(deps.pool);
  if (!running) inFlight.set(deps.pool, (running = new Map()));
  const key = `${scope.kind}:${scope.kind === 'fleet' ? 0 : scope.id}:${windowMinutes}`;
  const shared = running.get(key);
  if (shared) return shared;
  const computed = computeTargetQuality(deps, scope, windowMinutes).finally(() =>
    running.delete(key),
  );
  running.set(key, computed);
  return computed;
}

async function computeTargetQuality(
  deps: { pool: Pool; thresholds?: QualityThresholds },
  scope: QualityScope,
  windowMinutes: number,
): Promise<TargetQuality> {
  const now = Date.now();
  const report = await assessQuality(
    { pool: deps.pool, thresholds: deps.thresholds, now: () => now },
    { window: { from: now - windowMinutes * 60_000, to: now }, scope },
  );
  return {
    state: report.state,
    reasons: report.reasons.filter((r) => r.severity !== 'ok').map((r) => r.message),
    findings: report.reasons.map((r) => ({ code: r.code, severity: r.severity })),
    report: toQuality(report),
  };
}
