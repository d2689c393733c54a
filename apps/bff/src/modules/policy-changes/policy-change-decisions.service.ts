import {
  POLICY_CHANGE_APPROVALS,
  type ApprovePolicyChangeRequest,
  type PolicyChange,
} from '@watchfloor/shared/actions/policy-changes';
import type { Me } from '@watchfloor/shared/auth';
import type { PoolConnection } from '../../db/pool.ts';
import { AppError, conflict, forbidden, notFound } from '../../http/app-error.ts';
import type { ActionsDeps } from '../actions/actions-deps.ts';
import type { PolicySnapshot } from '../actions/policy/policy-source.ts';
import { afterCommit, inActionTransaction } from '../actions/store/action-transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { adoptActivated, snapshotOf } from './database-policy-source.ts';
import { getPolicyChange } from './policy-changes.service.ts';
import {
  approvalsOf,
  closeChange,
  currentAdmins,
  findChange,
  insertApproval,
  type ChangeRecord,
} from './policy-changes.repository.ts';
import { advanceHead, readHeadVersion } from './policy-versions.repository.ts';

const subject = (id: number) => `policy-change:${id}`;

/** What a decision's transaction did; refusals that change state commit first, then answer 409. */
type Outcome =
  | { kind: 'recorded' }
  | { kind: 'activated'; snapshot: PolicySnapshot }
  | { kind: 'expired' }
  | { kind: 'superseded'; base: string; active: string | null };

/**
 * Locks an open change for a decision. A change past its expiry is closed as expired (audited)
 * instead, and the caller answers 409 once that is committed.
 */
async function openChange(
  conn: PoolConnection,
  id: number,
  actor: string,
): Promise<ChangeRecord | 'expired'> {
  const change = await findChange(conn, id, true);
  if (!change) throw notFound(`Policy change ${id} does not exist`);
  if (change.state !== 'proposed')
    throw conflict(`Policy change ${id} is ${change.state}; only a proposed change can be decided`);
  if (change.nowMs < change.expires_at) return change;
  if (await closeChange(conn, id, 'expired', null, null))
    await appendAudit(conn, {
      actor: 'system',
      event: 'policy.change_expired',
      subject: subject(id),
      payload: { changeId: id, proposedVersion: change.proposed_version, touchedBy: actor },
    });
  return 'expired';
}

/**
 * Approves exactly the version the approver saw. The second distinct admin who is not the
 * proposer activates it, in the same transaction, if the version it was proposed against is
 * still active; otherwise the change is superseded.
 */
export async function approvePolicyChange(
  deps: ActionsDeps,
  user: Me,
  id: number,
  body: ApprovePolicyChangeRequest,
): Promise<PolicyChange> {
  const outcome = await inActionTransaction(deps.pool, async (conn): Promise<Outcome> => {
    const change = await openChange(conn, id, user.username);
    if (change === 'expired') return { kind: 'expired' };
    if (body.version !== change.proposed_version)
      throw new AppError(
        409,
        'conflict',
        `The version approved (${body.version.slice(0, 12)}) is not this change's proposed version (${change.proposed_version.slice(0, 12)})`,
        [{ field: 'version', message: `must be ${change.proposed_version}` }],
      );
    if (change.proposer === user.username)
      throw forbidden('You proposed this policy change: approval needs two other admins');
    // A change whose base is no longer active can never take effect: say so at once.
    if ((await readHeadVersion(conn)) !== change.base_version)
      return supersede(conn, change, user.username);
    if (!(await insertApproval(conn, id, user.username, body.comment ?? null)))
      throw conflict('You have already approved this policy change; an admin counts once');
    const approvers = ((await approvalsOf(conn, [id])).get(id) ?? []).map((a) => a.approver);
    await appendAudit(conn, {
      actor: user.username,
      event: 'policy.change_approved',
      subject: subject(id),
      payload: {
        changeId: id,
        version: change.proposed_version,
        approvals: approvers.length,
        approvalsRequired: POLICY_CHANGE_APPROVALS,
        comment: body.comment ?? null,
      },
    });
    // An approver who is no longer an enabled admin does not count towards activation.
    const counted = await currentAdmins(conn, approvers);
    if (counted.length < POLICY_CHANGE_APPROVALS) return { kind: 'recorded' };
    return activate(conn, change, user.username, counted);
  });
  await afterCommit(deps);
  if (outcome.kind === 'expired') throw conflict(`Policy change ${id} expired before approval`);
  if (outcome.kind === 'superseded')
    throw conflict(
      `Policy change ${id} is superseded: it was proposed against ${outcome.base.slice(0, 12)}, but ${outcome.active?.slice(0, 12) ?? 'another version'} is active now; propose it again`,
    );
  if (outcome.kind === 'activated') adoptActivated(deps.policy, outcome.snapshot);
  return getPolicyChange(deps.pool, id);
}

async function activate(
  conn: PoolConnection,
  change: ChangeRecord,
  by: string,
  approvers: string[],
): Promise<Outcome> {
  const moved = await advanceHead(conn, {
    base: change.base_version,
    version: change.proposed_version,
    by,
    changeId: change.id,
  });
  if (!moved) return supersede(conn, change, by);
  await closeChange(conn, change.id, 'active', by, null);
  await appendAudit(conn, {
    actor: by,
    event: 'policy.activated',
    subject: `policy:${change.proposed_version.slice(0, 12)}`,
    payload: {
      changeId: change.id,
      fromVersion: change.base_version,
      toVersion: change.proposed_version,
      proposer: change.proposer,
      approvers,
    },
  });
  return { kind: 'activated', snapshot: snapshotOf(change.proposed_version, change.policyText) };
}

/** Closes a change whose base version is no longer active: it can never take effect as proposed. */
async function supersede(conn: PoolConnection, change: ChangeRecord, by: string): Promise<Outcome> {
  const active = await readHeadVersion(conn);
  await closeChange(conn, change.id, 'superseded', null, null);
  await appendAudit(conn, {
    actor: by,
    event: 'policy.change_superseded',
    subject: subject(change.id),
    payload: {
      changeId: change.id,
      proposedVersion: change.proposed_version,
      baseVersion: change.base_version,
      activeVersion: active,
    },
  });
  return { kind: 'superseded', base: change.base_version, active };
}

/** Rejects an open change (any admin, with a reason). */
export async function rejectPolicyChange(
  deps: ActionsDeps,
  user: Me,
  id: number,
  comment: string,
): Promise<PolicyChange> {
  return close(deps, user, id, 'rejected', comment);
}

/** Withdraws an open change; only its proposer may. */
export async function cancelPolicyChange(
  deps: ActionsDeps,
  user: Me,
  id: number,
  comment: string | null,
): Promise<PolicyChange> {
  return close(deps, user, id, 'cancelled', comment);
}

async function close(
  deps: ActionsDeps,
  user: Me,
  id: number,
  to: 'rejected' | 'cancelled',
  comment: string | null,
): Promise<PolicyChange> {
  const outcome = await inActionTransaction(deps.pool, async (conn): Promise<Outcome> => {
    const change = await openChange(conn, id, user.username);
    if (change === 'expired') return { kind: 'expired' };
    if (to === 'cancelled' && change.proposer !== user.username)
      throw forbidden('Only the proposer may cancel a policy change; other admins may reject it');
    if (!(await closeChange(conn, id, to, user.username, comment)))
      throw conflict(`Policy change ${id} was decided by another request`);
    await appendAudit(conn, {
      actor: user.username,
      event: to === 'rejected' ? 'policy.change_rejected' : 'policy.change_cancelled',
      subject: subject(id),
      payload: { changeId: id, proposedVersion: change.proposed_version, comment },
    });
    return { kind: 'recorded' };
  });
  await afterCommit(deps);
  if (outcome.kind === 'expired') throw conflict(`Policy change ${id} had already expired`);
  return getPolicyChange(deps.pool, id);
}
