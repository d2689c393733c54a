import {
  POLICY_CHANGE_APPROVALS,
  type PolicyChange,
  type PolicyChangeApproval,
} from '@watchfloor/shared/actions/policy-changes';
import { snapshotOf } from './database-policy-source.ts';
import type { ChangeRecord } from './policy-changes.repository.ts';

/**
 * A stored change as the API shows it; `activeVersion` tells whether its base is still active.
 * An open change past its expiry shows as expired: no decision on it can succeed any more, and
 * the first one attempted records the expiry (audited) in the database.
 */
export function policyChangeView(
  record: ChangeRecord,
  approvals: PolicyChangeApproval[],
  activeVersion: string | null,
): PolicyChange {
  return {
    id: record.id,
    proposedVersion: record.proposed_version,
    baseVersion: record.base_version,
    proposer: record.proposer,
    comment: record.comment,
    state:
      record.state === 'proposed' && record.nowMs >= record.expires_at ? 'expired' : record.state,
    createdAt: record.created_at,
    expiresAt: record.expires_at,
    decidedAt: record.decided_at,
    decidedBy: record.decided_by,
    decisionComment: record.decision_comment,
    approvals,
    approvalsRequired: POLICY_CHANGE_APPROVALS,
    stale: record.state === 'proposed' && record.base_version !== activeVersion,
    policy: snapshotOf(record.proposed_version, record.policyText).policy,
    diff: record.diff,
    shadow: record.shadow,
  };
}
