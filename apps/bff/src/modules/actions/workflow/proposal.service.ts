import {
  BlastRadiusSchema,
  type DryRunResult,
  type ProposeActionRequest,
  type ProposedAction,
  type StoredEvidence,
} from '@watchfloor/shared/actions/api';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import type { Me } from '@watchfloor/shared/auth';
import type { Quality } from '@watchfloor/shared/quality';
import { forbidden, validationFailed } from '../../../http/app-error.ts';
import { activeFreezes, type FreezeOverride } from '@watchfloor/shared/actions/coordination';
import type { ActionPolicy } from '@watchfloor/shared/actions/policy';
import { can, rolesHolding } from '@watchfloor/shared/permissions';
import { segmentHealthFacts } from '../policy/segment-health.ts';
import { recordsOfAction } from '../../audit/audit.repository.ts';
import { assistAnswerExists } from '../../assist/assist.repository.ts';
import { databaseNow } from '../../../db/db-clock.ts';
import { evaluationsOf } from '../store/action-records.repository.ts';
import { inActionTransaction, afterCommit } from '../store/action-transaction.ts';
import { loadAction } from '../store/action-view.ts';
import type { ActionsDeps } from '../actions-deps.ts';
import { findAction } from '../store/actions.repository.ts';
import { evidenceAlerts } from './evidence-alerts.ts';
import { executeAction } from './execution.service.ts';
import {
  blastRadius,
  evaluatePolicy,
  type EvaluationInputs,
  POLICY_ACTOR,
  policyRefusal,
} from '../policy/policy-evaluation.ts';
import { gatherInputs, resolveTarget, storedTarget } from '../policy/policy-inputs.ts';
import { targetQuality } from '../policy/target-quality.ts';
import { lockSegment } from '../store/targets.repository.ts';
import { transition, recordEvaluation, recordProposal } from './transitions.ts';

async function prepare(deps: ActionsDeps, user: Me, body: ProposeActionRequest) {
  const snapshot = deps.policy.current();
  // A proposal that cites a "Why?" answer must cite a stored one: the approver is shown it.
  const { assistId } = body.evidence;
  if (assistId !== undefined && !(await assistAnswerExists(deps.pool, assistId)))
    throw validationFailed(`The assist answer "${assistId}" does not exist`, [
      { field: 'evidence.assistId', message: 'no such assist answer' },
    ]);
  const preliminary = await resolveTarget(deps.pool, body.type, body.target, body.params);
  if (!preliminary)
    throw validationFailed(`The ${body.target.kind} "${body.target.id}" does not exist`, [
      { field: 'target.id', message: `no such ${body.target.kind}` },
    ]);
  const [quality, segmentHealth, freezeOverride] = await Promise.all([
    targetQuality(deps, preliminary.qualityScope, snapshot.policy.qualityWindowMinutes),
    segmentHealthFacts(deps.pool, preliminary.segmentId),
    overrideOf(deps, user, body, snapshot.policy, preliminary.segmentSlug),
  ]);
  const facts: EvaluationInputs['action'] = {
    id: null,
    type: body.type,
    target: body.target,
    params: body.params,
    proposer: user.username,
    approvers: [],
    policyVersion: null,
    freezeOverride,
  };
  return { snapshot, preliminary, quality, segmentHealth, facts };
}

/**
 * The admin's freeze override as kept with the action: it names the freezes covering the target
 * now, and only those; an override with nothing to override is refused rather than kept for later.
 */
async function overrideOf(
  deps: ActionsDeps,
  user: Me,
  body: ProposeActionRequest,
  policy: ActionPolicy,
  segment: string,
): Promise<FreezeOverride | null> {
  if (!body.freezeOverride) return null;
  if (!can(user.roles, 'actions.override_freeze'))
    throw forbidden(
      `Only ${rolesHolding('actions.override_freeze').join(', ')} may override a change freeze; your roles: ${user.roles.join(', ')}`,
    );
  const active = activeFreezes(
    policy.coordination?.freezes ?? [],
    segment,
    await databaseNow(deps.pool),
  );
  if (active.length === 0)
    throw validationFailed(`No change freeze covers ${segment} now: there is nothing to override`, [
      { field: 'freezeOverride', message: 'no change freeze to override' },
    ]);
  return {
    by: user.username,
    reason: body.freezeOverride.reason,
    freezes: active.map((f) => f.id),
  };
}

/** Evaluates a proposal without creating or recording anything: the policy result, exact targets and blast radius. */
export async function dryRunProposal(
  deps: ActionsDeps,
  user: Me,
  body: ProposeActionRequest,
): Promise<{ data: DryRunResult; quality: Quality }> {
  const { snapshot, preliminary, quality, segmentHealth, facts } = await prepare(deps, user, body);
  const inputs = await gatherInputs(deps.pool, {
    stage: 'proposal',
    actor: user,
    action: facts,
    target: preliminary,
    quality,
    segmentHealth,
  });
  const evaluation = evaluatePolicy(snapshot, inputs, await databaseNow(deps.pool));
  const data: DryRunResult = {
    dryRun: true,
    policy: evaluation,
    targets: preliminary.entities.map(({ slug, kind, state }) => ({ entity: slug, kind, state })),
    blastRadius: blastRadius(snapshot.policy, inputs),
  };
  return { data, quality: quality.report };
}

/**
 * Creates an action. Under the segment's lock (so concurrent proposals see each other): resolve the
 * exact targets, evaluate the policy, and record the evaluation; then either refuse, or insert the
 * action, its targets and its audit record, auto-approving low-risk reversible types the policy allows.
 */
export async function proposeAction(
  deps: ActionsDeps,
  user: Me,
  body: ProposeActionRequest,
  idempotencyKeyId: number | null,
): Promise<{ data: ProposedAction; quality: Quality }> {
  const { snapshot, preliminary, quality, segmentHealth, facts } = await prepare(deps, user, body);
  const alerts = await evidenceAlerts(
    deps.pool,
    preliminary,
    body.evidence.window,
    await databaseNow(deps.pool),
  );
  const evidence: StoredEvidence = { ...body.evidence, alerts };
  const outcome = await inActionTransaction(deps.pool, async (conn) => {
    await lockSegment(conn, preliminary.segmentId);
    const target = (await resolveTarget(conn, body.type, body.target, body.params)) ?? preliminary;
    const inputs = await gatherInputs(conn, {
      stage: 'proposal',
      actor: user,
      action: facts,
      target,
      quality,
      segmentHealth,
    });
    const evaluation = evaluatePolicy(snapshot, inputs, await databaseNow(conn));
    const radius = blastRadius(snapshot.policy, inputs);
    if (!evaluation.passed) {
      await recordEvaluation(conn, null, evaluation, inputs, {
        proposal: { rationale: body.rationale, evidence },
      });
      return { refused: true as const, evaluation, radius };
    }
    const expirySeconds =
      snapshot.policy.types[body.type]?.expirySeconds ?? snapshot.policy.expirySeconds;
    const created = await recordProposal(
      conn,
      {
        type: body.type,
        targetKind: body.target.kind,
        targetSlug: body.target.id,
        segmentId: target.segmentId,
        params: canonicalJson(body.params),
        rationale: body.rationale,
        evidence: canonicalJson(evidence),
        proposer: user.username,
        policyVersion: snapshot.version,
        approvalsRequired: evaluation.autoApprove ? 0 : evaluation.approvalsRequired,
        expirySeconds,
        idempotencyKeyId,
        freezeOverride: facts.freezeOverride ? canonicalJson(facts.freezeOverride) : null,
      },
      target.entities,
      {
        blastRadius: radius,
        ...(facts.freezeOverride ? { freezeOverride: facts.freezeOverride } : {}),
      },
    );
    await recordEvaluation(conn, created.id, evaluation, inputs);
    const autoApproved =
      evaluation.autoApprove &&
      (await transition(conn, deps.hooks, {
        actionId: created.id,
        from: 'proposed',
        to: 'approved',
        actor: POLICY_ACTOR,
        summary: { type: body.type, target: body.target },
        payload: { autoApproved: true, policyVersion: snapshot.version },
        set: { decidedBy: POLICY_ACTOR, policyVersion: snapshot.version },
      }));
    return { refused: false as const, id: created.id, evaluation, radius, autoApproved };
  });
  await afterCommit(deps);
  if (outcome.refused) throw policyRefusal('proposal', outcome.evaluation, outcome.radius);
  if (outcome.autoApproved && deps.executeOnApproval !== false)
    await executeAction(deps, outcome.id, user.username);
  const action = await loadAction(deps.pool, outcome.id);
  return {
    data: { ...action!, policy: outcome.evaluation, blastRadius: outcome.radius },
    quality: quality.report,
  };
}

/**
 * The answer for a request whose action was committed but whose response was never stored (the
 * process died in between): the action as it is now, its proposal evaluation, and the blast
 * radius recorded with the proposal.
 */
export async function recoverProposal(
  deps: ActionsDeps,
  actionId: number,
): Promise<{ data: ProposedAction; quality: Quality }> {
  const [action, evaluations, records] = await Promise.all([
    loadAction(deps.pool, actionId),
    evaluationsOf(deps.pool, actionId),
    recordsOfAction(deps.pool, actionId),
  ]);
  const evaluation = evaluations.find((e) => e.stage === 'proposal');
  const proposed = records.find((r) => r.event === 'action.proposed');
  const radius = BlastRadiusSchema.safeParse(
    (JSON.parse(proposed?.payload ?? '{}') as { blastRadius?: unknown }).blastRadius,
  );
  if (!action || !evaluation || !radius.success)
    throw new Error(`action ${actionId} cannot be recovered from its records`);
  const { id: _id, ...policy } = evaluation;
  const record = (await findAction(deps.pool, actionId))!;
  const quality = await targetQuality(
    deps,
    (await storedTarget(deps.pool, record)).qualityScope,
    deps.policy.current().policy.qualityWindowMinutes,
  );
  return { data: { ...action, policy, blastRadius: radius.data }, quality: quality.report };
}
