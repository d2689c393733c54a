import type { Role } from '@watchfloor/shared/auth';
import type {
  ActionTargetRef,
  BlastRadius,
  EvaluationStage,
  PolicyEvaluation,
  PreconditionResult,
} from '@watchfloor/shared/actions/api';
import {
  ACTION_CATALOGUE,
  outOfServiceCount,
  type ActionType,
} from '@watchfloor/shared/actions/catalogue';
import {
  autoApprovable,
  requiredApprovals,
  type ActionPolicy,
} from '@watchfloor/shared/actions/policy';
import {
  worstQualityState,
  type QualityReasonCode,
  type QualityState,
} from '@watchfloor/shared/quality';
import { AppError } from '../../../http/app-error.ts';
import type { PolicySnapshot } from './policy-source.ts';
import { coordinationChecks } from './coordination-checks.ts';
import { teamCheck } from './team-check.ts';
import type { FreezeOverride } from '@watchfloor/shared/actions/coordination';

/** Everything a policy decision depends on; recorded verbatim with the evaluation. */
export interface EvaluationInputs {
  stage: EvaluationStage;
  /** Teams are absent from inputs recorded before teams existed: their team check is skipped. */
  actor: { username: string; roles: Role[]; teams?: string[] };
  action: {
    id: number | null;
    type: ActionType;
    target: ActionTargetRef;
    params: Record<string, unknown>;
    proposer: string | null;
    approvers: string[];
    /** The policy version the action was last approved or proposed under. */
    policyVersion: string | null;
    /** An admin's override of the freezes active at proposal. */
    freezeOverride?: FreezeOverride | null;
  };
  targets: { slug: string; kind: string; state: string }[];
  /** Why fewer targets than asked for exist (scale beyond the available replicas). */
  shortfall: string | null;
  quality: {
    state: QualityState;
    reasons: string[];
    findings?: { code: QualityReasonCode; severity: QualityState }[];
  } | null;
  conflicts: { id: number; type: string; state: string }[];
  /** Other in-flight actions in the target's segment, for the conflict matrix. */
  segmentActions?: {
    id: number;
    type: ActionType;
    state: string;
    targetKind: string;
    target: string;
    targets: string[];
  }[];
  segment: {
    slug: string;
    /** The owning team; absent from inputs recorded before teams existed. */
    owner?: string | null;
    entities: number;
    notActive: number;
    heldByOthers: number;
    /** Live health of its active entities, for the systemic breaker. */
    health?: { judged: number; unhealthy: string[] };
  };
}

/** Checks whose failure is about who is asking (403), not about the state of the world (409). */
export const PERMISSION_CHECKS = new Set(['actor_role', 'actor_team', 'not_proposer']);

const ROLE_CHECK: Partial<Record<EvaluationStage, 'proposers' | 'approvers' | 'rollback'>> = {
  proposal: 'proposers',
  approval: 'approvers',
  rollback: 'rollback',
};
const TARGET_STAGES = new Set<EvaluationStage>(['proposal', 'approval', 'execution', 'preview']);

/** Evaluates the policy for one stage. Pure: the same snapshot and inputs always give the same result. */
export function evaluatePolicy(
  snapshot: PolicySnapshot,
  inputs: EvaluationInputs,
  evaluatedAt: number,
): PolicyEvaluation {
  const { policy } = snapshot;
  const { stage, actor, action } = inputs;
  const typePolicy = policy.types[action.type];
  const definition = ACTION_CATALOGUE[action.type];
  const results: PreconditionResult[] = [];
  const check = (code: string, passed: boolean, message: string) =>
    results.push({ code, passed, message });

  check(
    'type_enabled',
    typePolicy?.enabled === true,
    typePolicy?.enabled
      ? `${action.type} is enabled`
      : `${action.type} is disabled by policy "${policy.name}"`,
  );
  const roleList = ROLE_CHECK[stage];
  if (roleList) {
    const allowed: readonly Role[] =
      roleList === 'rollback' ? policy.rollbackRoles : (typePolicy?.[roleList] ?? []);
    const verb =
      roleList === 'proposers' ? 'propose' : roleList === 'approvers' ? 'approve' : 'roll back';
    const ok = actor.roles.some((role) => allowed.includes(role));
    check(
      'actor_role',
      ok,
      ok
        ? `your roles may ${verb} ${action.type}`
        : `your roles (${actor.roles.join(', ') || 'none'}) may not ${verb} ${action.type}; allowed: ${allowed.join(', ') || 'nobody'}`,
    );
    teamCheck(policy, inputs, `${verb} ${action.type}`, check);
  }
  if (stage === 'approval') {
    const proposer = action.proposer === actor.username;
    check(
      'not_proposer',
      !proposer,
      proposer
        ? 'you proposed this action: approval needs someone else'
        : 'you are not the proposer',
    );
    const again = action.approvers.includes(actor.username);
    check(
      'not_already_approved',
      !again,
      again
        ? 'you have already approved this action; an approver counts once'
        : 'you have not approved it yet',
    );
  }
  if (stage === 'rollback') {
    const way = definition.reversibility;
    check(
      'reversible',
      way.kind === 'inverse',
      way.kind === 'inverse'
        ? `rollback: ${way.rollback}`
        : `${action.type} has no rollback: ${way.note}`,
    );
  }
  if (stage === 'execution') {
    const same = action.policyVersion === snapshot.version;
    check(
      'policy_unchanged',
      same,
      same
        ? 'the policy has not changed since approval'
        : `the policy changed since approval (approved under ${short(action.policyVersion)}, now ${short(snapshot.version)})`,
    );
  }
  if (TARGET_STAGES.has(stage)) {
    targetChecks(snapshot, inputs, check);
    coordinationChecks(policy, inputs, evaluatedAt, check);
  }

  const passed = results.every((r) => r.passed);
  return {
    stage,
    policyName: policy.name,
    policyVersion: snapshot.version,
    actor: actor.username,
    passed,
    results,
    approvalsRequired: requiredApprovals(policy, action.type),
    // Evidence that is not ok (even where the policy lets the type proceed on it) is never auto-approved.
    autoApprove:
      stage === 'proposal' &&
      passed &&
      autoApprovable(policy, action.type) &&
      inputs.quality?.state === 'ok',
    evaluatedAt,
  };
}

function targetChecks(
  snapshot: PolicySnapshot,
  inputs: EvaluationInputs,
  check: (code: string, passed: boolean, message: string) => void,
): void {
  const { policy } = snapshot;
  const { action, targets } = inputs;
  const typePolicy = policy.types[action.type];
  const definition = ACTION_CATALOGUE[action.type];
  const kinds = definition.entityKinds;
  const wrongKind = kinds ? targets.filter((t) => !kinds.includes(t.kind)) : [];
  check(
    'target_kind',
    wrongKind.length === 0,
    wrongKind.length
      ? `${action.type} applies to ${kinds!.join('/')} entities; ${wrongKind.map((t) => `${t.slug} is a ${t.kind}`).join(', ')}`
      : 'the targets are of a kind this action applies to',
  );
  const allowedStates = typePolicy?.targetStates ?? [];
  const wrongState = targets.filter((t) => !allowedStates.includes(t.state));
  const stateOk = wrongState.length === 0 && targets.length > 0 && inputs.shortfall === null;
  check(
    'target_state',
    stateOk,
    stateOk
      ? `every target is ${allowedStates.join(' or ')}`
      : (inputs.shortfall ??
          (targets.length === 0
            ? 'the action has no targets'
            : `${wrongState.map((t) => `${t.slug} is ${t.state}`).join(', ')}; ${action.type} needs ${allowedStates.join(' or ')}`)),
  );
  const quality = inputs.quality;
  const judged =
    quality &&
    judgeQuality(
      quality,
      typePolicy?.qualityExemptReasons ?? [],
      typePolicy?.blockingQualityStates ?? policy.blockingQualityStates,
    );
  check(
    'data_quality',
    judged?.passed === true,
    !quality || !judged
      ? "the target's data quality was not assessed"
      : !judged.passed
        ? `the target's data is ${quality.state}: ${quality.reasons.join(' ') || 'no reason given'}`
        : judged.exempted.length > 0
          ? `the target's data is ${quality.state} (${quality.reasons.join(' ')}); policy lets ${action.type} proceed on ${judged.exempted.join(', ')}, and a person must approve it`
          : `the target's data is ${quality.state}${quality.reasons.length ? ` (${quality.reasons.join(' ')})` : ''}`,
  );
  const conflicts = inputs.conflicts;
  check(
    'no_conflict',
    conflicts.length === 0,
    conflicts.length
      ? `conflicting action${conflicts.length > 1 ? 's' : ''} in flight on the target: ${conflicts.map((c) => `#${c.id} ${c.type} (${c.state})`).join(', ')}`
      : 'no other action is in flight on the target',
  );
  const radius = blastRadius(policy, inputs);
  const withinCount = radius.entities <= policy.caps.maxEntitiesPerAction;
  check(
    'blast_radius_entities',
    withinCount,
    `${radius.entities} target entit${radius.entities === 1 ? 'y' : 'ies'}; cap ${policy.caps.maxEntitiesPerAction}`,
  );
  const withinShare =
    radius.outOfService === 0 ||
    radius.segmentRatioAfter <= policy.caps.maxSegmentOutOfServiceRatio + 1e-9;
  check(
    'blast_radius_segment',
    withinShare,
    radius.outOfService === 0
      ? 'takes nothing out of service'
      : `${radius.segmentOutOfServiceAfter} of ${radius.segmentEntities} entities of ${radius.segment} would be out of service (${pct(radius.segmentRatioAfter)}); cap ${pct(policy.caps.maxSegmentOutOfServiceRatio)}`,
  );
}

/**
 * Whether the target's data quality lets a type proceed: the state left once the type's exempt
 * reasons are set aside must not be blocking. Says which exempt reasons it took to pass.
 */
function judgeQuality(
  quality: NonNullable<EvaluationInputs['quality']>,
  exempt: readonly QualityReasonCode[],
  blocking: readonly QualityState[],
): { passed: boolean; exempted: QualityReasonCode[] } {
  // Inputs recorded before findings existed carry only the state: judge that alone.
  if (!quality.findings) return { passed: !blocking.includes(quality.state), exempted: [] };
  const counted = quality.findings.filter((f) => !exempt.includes(f.code));
  const passed = !blocking.includes(worstQualityState(counted));
  const exempted =
    passed && blocking.includes(quality.state)
      ? [
          ...new Set(
            quality.findings
              .filter((f) => exempt.includes(f.code) && blocking.includes(f.severity))
              .map((f) => f.code),
          ),
        ]
      : [];
  return { passed, exempted };
}

const pct = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const short = (version: string | null) => (version ? version.slice(0, 12) : 'none');

/** The actor for steps the system takes on its own (auto-approval, execution, expiry). */
export const POLICY_ACTOR = 'policy';
export const SYSTEM_ACTOR = 'system';

/**
 * A failed evaluation as an error: 403 when the failure is about who is asking (role, own
 * proposal), 409 when it is about the state of the world. Details carry the whole evaluation.
 */
export function policyRefusal(
  what: string,
  evaluation: PolicyEvaluation,
  blastRadius?: BlastRadius,
): AppError {
  const failed = evaluation.results.filter((r) => !r.passed);
  const permission = failed.some((r) => PERMISSION_CHECKS.has(r.code));
  const message = `Policy "${evaluation.policyName}" refused the ${what}: ${failed.map((r) => r.message).join('; ')}`;
  const details = { policy: evaluation, ...(blastRadius ? { blastRadius } : {}) };
  return permission
    ? new AppError(403, 'forbidden', message, details)
    : new AppError(409, 'conflict', message, details);
}

/**
 * What the action would take out of service, and where that leaves its segment: entities already
 * not active, plus those held by other in-flight actions, plus this action's own.
 */
export function blastRadius(policy: ActionPolicy, inputs: EvaluationInputs): BlastRadius {
  const outOfService = outOfServiceCount(
    inputs.action.type,
    inputs.action.params,
    inputs.targets.length,
  );
  const before = inputs.segment.notActive + inputs.segment.heldByOthers;
  const after = before + outOfService;
  return {
    measure: ACTION_CATALOGUE[inputs.action.type].blastRadius.measure,
    entities: inputs.targets.length,
    outOfService,
    segment: inputs.segment.slug,
    segmentEntities: inputs.segment.entities,
    segmentOutOfServiceBefore: before,
    segmentOutOfServiceAfter: after,
    segmentRatioAfter:
      inputs.segment.entities === 0
        ? 0
        : Math.round((after / inputs.segment.entities) * 10_000) / 10_000,
    caps: { ...policy.caps },
  };
}
