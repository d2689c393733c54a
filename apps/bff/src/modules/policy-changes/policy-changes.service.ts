import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import {
  SHADOW_SAMPLE,
  type ActivePolicy,
  type PolicyChange,
  type ProposePolicyChangeRequest,
} from '@watchfloor/shared/actions/policy-changes';
import type { Me } from '@watchfloor/shared/auth';
import type { Pool, Queryable } from '../../db/pool.ts';
import { conflict, notFound, unavailable } from '../../http/app-error.ts';
import type { ActionsDeps } from '../actions/actions-deps.ts';
import { policyVersion, type PolicySnapshot } from '../actions/policy/policy-source.ts';
import { afterCommit, inActionTransaction } from '../actions/store/action-transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { snapshotOf } from './database-policy-source.ts';
import { policyChangeView } from './policy-change-view.ts';
import { policyDiff } from './policy-diff.ts';
import { approvalsOf, findChange, insertChange, listChanges } from './policy-changes.repository.ts';
import {
  insertVersion,
  policiesOf,
  readHead,
  readHeadVersion,
} from './policy-versions.repository.ts';
import { shadowReport } from './shadow-report.ts';
import { recentProposalEvaluations, type RecordedEvaluation } from './shadow.repository.ts';

/** An open change lapses after this long (database clock). */
export const POLICY_CHANGE_LIFETIME_MS = 24 * 3_600_000;
const LIST_LIMIT = 50;

const noActiveVersion = () =>
  unavailable('No policy version is active yet; the server seeds one when it starts');

export async function getActivePolicy(pool: Pool): Promise<ActivePolicy> {
  const head = await readHead(pool);
  if (!head) throw noActiveVersion();
  const { policy } = snapshotOf(head.version, head.policyText);
  return {
    version: head.version,
    policy,
    activatedAt: head.activatedAt,
    activatedBy: head.activatedBy,
    changeId: head.changeId,
  };
}

export async function listPolicyChanges(pool: Pool): Promise<PolicyChange[]> {
  const [records, active] = await Promise.all([
    listChanges(pool, LIST_LIMIT),
    readHeadVersion(pool),
  ]);
  const approvals = await approvalsOf(
    pool,
    records.map((r) => r.id),
  );
  return records.map((r) => policyChangeView(r, approvals.get(r.id) ?? [], active));
}

export async function getPolicyChange(conn: Queryable, id: number): Promise<PolicyChange> {
  const [record, active] = await Promise.all([findChange(conn, id), readHeadVersion(conn)]);
  if (!record) throw notFound(`Policy change ${id} does not exist`);
  const approvals = (await approvalsOf(conn, [id])).get(id) ?? [];
  return policyChangeView(record, approvals, active);
}

/**
 * Proposes a new policy version against the active one: stores the version, the diff and the
 * shadow report over the last proposals, and the audit record, in one transaction.
 */
export async function proposePolicyChange(
  deps: ActionsDeps,
  user: Me,
  body: ProposePolicyChangeRequest,
  idempotencyKeyId: number | null,
): Promise<PolicyChange> {
  const proposed: PolicySnapshot = { policy: body.policy, version: policyVersion(body.policy) };
  const id = await inActionTransaction(deps.pool, async (conn) => {
    const head = await readHead(conn);
    if (!head) throw noActiveVersion();
    if (head.version === proposed.version)
      throw conflict(
        `No change: the proposed policy is the active version ${head.version.slice(0, 12)}`,
      );
    const records = await recentProposalEvaluations(conn, SHADOW_SAMPLE);
    const shadow = shadowReport(records, await judgedUnder(conn, records), proposed);
    const canonical = canonicalJson(proposed.policy);
    const diff = policyDiff(JSON.parse(head.policyText), JSON.parse(canonical));
    await insertVersion(conn, proposed.version, canonical);
    const changeId = await insertChange(conn, {
      proposedVersion: proposed.version,
      baseVersion: head.version,
      proposer: user.username,
      comment: body.comment,
      diff,
      shadow,
      lifetimeMs: POLICY_CHANGE_LIFETIME_MS,
      idempotencyKeyId,
    });
    const { differences: _listed, ...counts } = shadow;
    await appendAudit(conn, {
      actor: user.username,
      event: 'policy.change_proposed',
      subject: `policy-change:${changeId}`,
      payload: {
        changeId,
        proposedVersion: proposed.version,
        baseVersion: head.version,
        comment: body.comment,
        diff,
        shadow: counts,
      },
    });
    return changeId;
  });
  await afterCommit(deps);
  return getPolicyChange(deps.pool, id);
}

/** The stored policies the recorded evaluations were judged under; versions that no longer validate are left out. */
async function judgedUnder(
  conn: Queryable,
  records: readonly RecordedEvaluation[],
): Promise<Map<string, PolicySnapshot>> {
  const texts = await policiesOf(conn, [...new Set(records.map((r) => r.policyVersion))]);
  const out = new Map<string, PolicySnapshot>();
  for (const [version, text] of texts) {
    try {
      out.set(version, snapshotOf(version, text));
    } catch {
      // The recorded result stands in for a version today's schema refuses.
    }
  }
  return out;
}
