import type { ActionList, ActionListQuery } from '@watchfloor/shared/actions/api';
import type { ActionDetail } from '@watchfloor/shared/actions/detail';
import type { Me } from '@watchfloor/shared/auth';
import type { Quality } from '@watchfloor/shared/quality';
import { keysetPage, keysetRead } from '../../db/keyset-page.ts';
import { notFound } from '../../http/app-error.ts';
import { recordsOfAction } from '../audit/audit.repository.ts';
import { toAuditRecord } from '../audit/audit.service.ts';
import { transactionalQuality } from '../quality/transactional-quality.ts';
import { actionAbilities } from './policy/abilities.ts';
import { approvalsOf, evaluationsOf } from './store/action-records.repository.ts';
import { toAction, viewActions } from './store/action-view.ts';
import type { ActionsDeps } from './actions-deps.ts';
import { findAction, listActionRecords } from './store/actions.repository.ts';
import { blastRadius, evaluatePolicy } from './policy/policy-evaluation.ts';
import { actionFacts, gatherInputs, storedTarget } from './policy/policy-inputs.ts';
import { segmentHealthFacts } from './policy/segment-health.ts';
import { targetQuality } from './policy/target-quality.ts';

/** Checks about who is asking; the rest are the action's preconditions. */
const ACTOR_CHECKS = new Set(['actor_role', 'actor_team', 'not_proposer', 'not_already_approved']);

/** A page of actions, newest first; they are written transactionally, so their quality is always ok. */
export async function listActions(
  deps: ActionsDeps,
  query: ActionListQuery,
): Promise<{ data: ActionList; quality: Quality }> {
  const records = await listActionRecords(deps.pool, {
    state: query.state,
    type: query.type,
    target: query.target,
    ...keysetRead(query),
  });
  const page = keysetPage(records, query.limit, (last) => String(last.id));
  return {
    data: { actions: await viewActions(deps.pool, page.rows), ...page.next },
    quality: transactionalQuality(),
  };
}

/**
 * One action with its approvals, evaluations and audit timeline, plus what the approvals screen
 * needs now: each precondition re-evaluated against the current policy (not recorded: nothing is
 * decided), approvals so far, time to expiry by database time, and this user's abilities.
 */
export async function getActionDetail(
  deps: ActionsDeps,
  user: Me,
  id: number,
): Promise<{ data: ActionDetail; quality: Quality }> {
  const record = await findAction(deps.pool, id);
  if (!record) throw notFound(`Action ${id} does not exist`);
  const snapshot = deps.policy.current();
  const target = await storedTarget(deps.pool, record);
  const [approvals, evaluations, timeline, quality, segmentHealth] = await Promise.all([
    approvalsOf(deps.pool, [id]).then((map) => map.get(id) ?? []),
    evaluationsOf(deps.pool, id),
    recordsOfAction(deps.pool, id),
    targetQuality(deps, target.qualityScope, snapshot.policy.qualityWindowMinutes),
    segmentHealthFacts(deps.pool, record.segmentId),
  ]);
  const approvers = approvals.map((a) => a.approver);
  const inputs = await gatherInputs(deps.pool, {
    stage: 'approval',
    actor: user,
    action: actionFacts(record, approvers),
    target,
    quality,
    segmentHealth,
  });
  const preview = evaluatePolicy(snapshot, inputs, record.dbNow);
  return {
    quality: quality.report,
    data: {
      action: toAction(record, target.entities, approvals),
      approvals,
      evaluations,
      timeline: timeline.map(toAuditRecord),
      preconditions: preview.results.filter((r) => !ACTOR_CHECKS.has(r.code)),
      blastRadius: blastRadius(snapshot.policy, inputs),
      currentPolicyVersion: snapshot.version,
      approvalsSoFar: approvals.length,
      approvalsRequired: record.approvalsRequired,
      expiresInMs:
        record.state === 'proposed' ? Math.max(0, record.expiresAt - record.dbNow) : null,
      abilities: actionAbilities(
        user,
        record,
        snapshot.policy,
        preview,
        inputs.segment.owner ?? null,
      ),
    },
  };
}
