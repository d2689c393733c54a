import type { ActionInbox } from '@watchfloor/shared/actions/api';
import { teamScope, type ActionPolicy } from '@watchfloor/shared/actions/policy';
import { teamScopeRefusal } from '@watchfloor/shared/teams';
import type { Me } from '@watchfloor/shared/auth';
import { can } from '@watchfloor/shared/permissions';
import type { Quality } from '@watchfloor/shared/quality';
import { transactionalQuality } from '../quality/transactional-quality.ts';
import type { ActionsDeps } from './actions-deps.ts';
import { approvalsOf } from './store/action-records.repository.ts';
import { listActionRecords, type ActionRecord } from './store/actions.repository.ts';

/**
 * Proposed actions read per inbox request. Proposals expire within the policy's expiry (30 min by
 * default) and proposing is rate limited, so far fewer than this are ever open at once.
 */
const OPEN_PROPOSALS_READ = 500;

/**
 * Whether `user` is one of the people `action` waits for: the same rules the decision routes
 * apply (the route's `actions.decide` permission, an approver role for the type, never the
 * proposer, an approver counts once, the type's team scope), judged by database time so an expired one never counts.
 */
export function awaitsDecisionBy(
  user: Me,
  action: ActionRecord,
  approvers: readonly string[],
  policy: ActionPolicy,
): boolean {
  const approverRoles = policy.types[action.type]?.approvers ?? [];
  return (
    action.state === 'proposed' &&
    action.expiresAt > action.dbNow &&
    can(user.roles, 'actions.decide') &&
    user.roles.some((role) => approverRoles.includes(role)) &&
    action.proposer !== user.username &&
    !approvers.includes(user.username) &&
    teamScopeRefusal(
      teamScope(policy, action.type),
      user.teams,
      { slug: action.segmentSlug, owner: action.segmentOwner },
      'decide',
    ) === null
  );
}

/** The signed-in user's inbox: how many actions await their decision and when the first expires. */
export async function getActionInbox(
  deps: ActionsDeps,
  user: Me,
): Promise<{ data: ActionInbox; quality: Quality }> {
  const { policy } = deps.policy.current();
  const open = await listActionRecords(deps.pool, {
    state: 'proposed',
    before: undefined,
    limit: OPEN_PROPOSALS_READ,
  });
  const approvals = await approvalsOf(
    deps.pool,
    open.map((a) => a.id),
  );
  const waiting = open
    .filter((a) =>
      awaitsDecisionBy(
        user,
        a,
        (approvals.get(a.id) ?? []).map((r) => r.approver),
        policy,
      ),
    )
    .sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id);
  const first = waiting[0];
  return {
    quality: transactionalQuality(),
    data: {
      count: waiting.length,
      actionIds: waiting.map((a) => a.id),
      nextExpiresAt: first ? first.expiresAt : null,
      nextExpiresInMs: first ? Math.max(0, first.expiresAt - first.dbNow) : null,
    },
  };
}
