import { describe, expect, it } from 'vitest';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import type { TestDatabase } from '../../testing/test-database.ts';
import { json } from '../actions/testing/fleet-fixture.ts';
import type { DatabasePolicySource } from './database-policy-source.ts';
import {
  BASE,
  RAISED,
  change,
  withPolicyFleet,
  type ErrorBody,
  type PolicyFleet,
} from './testing/policy-fleet.ts';

let db: TestDatabase;
let source: DatabasePolicySource;
let policy: PolicyFleet['policy'];
let activeVersion: PolicyFleet['activeVersion'];
withPolicyFleet((fleet) => ({ db, source, policy, activeVersion } = fleet));

describe('who may change policy, and what a proposal must be', () => {
  it('lets only admins propose and decide', async () => {
    expect((await policy.propose('operator', { policy: BASE, comment: 'x' })).status).toBe(403);
    expect((await policy.propose('approver', { policy: BASE, comment: 'x' })).status).toBe(403);
    expect((await policy.get('operator', '/changes')).status).toBe(403);
  });

  it('names every invalid field of the proposed policy', async () => {
    const bad = structuredClone(BASE) as unknown as {
      caps: Record<string, unknown>;
      expirySeconds: unknown;
    };
    bad.caps.maxEntitiesPerAction = 0;
    bad.expirySeconds = 'soon';
    const response = await policy.propose('admin', { policy: bad, comment: 'broken' });
    expect(response.status).toBe(422);
    const fields = ((await json<ErrorBody>(response)).error.details as { field: string }[]).map(
      (d) => d.field,
    );
    expect(fields).toEqual(
      expect.arrayContaining(['policy.caps.maxEntitiesPerAction', 'policy.expirySeconds']),
    );
  });

  it('refuses a proposal identical to the active version', async () => {
    const response = await policy.propose('admin', {
      policy: source.current().policy,
      comment: 'same',
    });
    expect(response.status).toBe(409);
    expect((await json<ErrorBody>(response)).error.message).toContain('No change');
  });

  it('replays a proposal sent again with the same Idempotency-Key', async () => {
    const body = { policy: { ...RAISED, name: 'replayed' }, comment: 'once' };
    const key = policy.freshKey();
    const first = await change(await policy.propose('admin', body, key));
    const second = await policy.propose('admin', body, key);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await change(second)).id).toBe(first.id);
    const [rows] = await db.pool.query(
      'SELECT COUNT(*) AS n FROM policy_changes WHERE comment = ?',
      ['once'],
    );
    expect(rows).toEqual([{ n: 1 }]);
    await policy.cancel('admin', first.id);
  });
});

describe('changes that do not take effect', () => {
  it('supersedes a change whose base is no longer active', async () => {
    const base = source.current().policy;
    const first = await change(
      await policy.propose('admin', { policy: { ...base, name: 'first' }, comment: 'first' }),
    );
    const second = await change(
      await policy.propose('admin', { policy: { ...base, name: 'second' }, comment: 'second' }),
    );
    for (const admin of ['admin2', 'admin3'] as const)
      expect(
        (await policy.approve(admin, first.id, { version: first.proposedVersion })).status,
      ).toBe(200);
    expect(await activeVersion()).toBe(first.proposedVersion);

    // Shown as stale, and refused at the first approval: it can never take effect as proposed.
    const pending = await change(await policy.get('admin', `/changes/${second.id}`));
    expect(pending.stale).toBe(true);
    const refused = await policy.approve('admin2', second.id, { version: second.proposedVersion });
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.message).toContain('superseded');
    expect((await change(await policy.get('admin', `/changes/${second.id}`))).state).toBe(
      'superseded',
    );
    expect(await activeVersion()).toBe(first.proposedVersion);
    const [audit] = await db.pool.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'policy.change_superseded' AND subject = ?",
      [`policy-change:${second.id}`],
    );
    expect(audit).toEqual([{ n: 1 }]);
  });

  it('does not count the approval of an admin who has since lost the role', async () => {
    const base = source.current().policy;
    const proposed = await change(
      await policy.propose('admin', { policy: { ...base, name: 'demoted' }, comment: 'd' }),
    );
    const version = { version: proposed.proposedVersion };
    expect((await policy.approve('admin2', proposed.id, version)).status).toBe(200);
    await db.pool.query("UPDATE users SET roles = 'operator' WHERE username = 'admin2'");
    try {
      const after = await change(await policy.approve('admin3', proposed.id, version));
      expect(after.state).toBe('proposed');
      expect(await activeVersion()).not.toBe(proposed.proposedVersion);
    } finally {
      await db.pool.query("UPDATE users SET roles = 'admin' WHERE username = 'admin2'");
      await policy.cancel('admin', proposed.id);
    }
  });

  it('lets the proposer cancel and another admin reject, with a reason', async () => {
    const base = source.current().policy;
    const cancelled = await change(
      await policy.propose('admin', { policy: { ...base, name: 'withdrawn' }, comment: 'c' }),
    );
    expect((await policy.cancel('admin2', cancelled.id)).status).toBe(403);
    expect((await change(await policy.cancel('admin', cancelled.id))).state).toBe('cancelled');

    const rejected = await change(
      await policy.propose('admin', { policy: { ...base, name: 'refused' }, comment: 'r' }),
    );
    expect((await policy.reject('admin2', rejected.id, {})).status).toBe(422);
    const done = await change(await policy.reject('admin2', rejected.id, { comment: 'not now' }));
    expect(done).toMatchObject({
      state: 'rejected',
      decidedBy: 'admin2',
      decisionComment: 'not now',
    });
    expect(
      (await policy.approve('admin3', rejected.id, { version: rejected.proposedVersion })).status,
    ).toBe(409);
  });

  it('expires a change 24 hours after its proposal, by the database clock', async () => {
    const base = source.current().policy;
    const late = await change(
      await policy.propose('admin', { policy: { ...base, name: 'late' }, comment: 'l' }),
    );
    await db.pool.query(`UPDATE policy_changes SET expires_at = ${DB_NOW_MS} - 1 WHERE id = ?`, [
      late.id,
    ]);
    // Read as expired at once; recorded (and audited) by the first decision that finds it so.
    expect((await change(await policy.get('admin', `/changes/${late.id}`))).state).toBe('expired');
    const refused = await policy.approve('admin2', late.id, { version: late.proposedVersion });
    expect(refused.status).toBe(409);
    const [rows] = await db.pool.query(
      "SELECT p.state, COUNT(a.seq) AS audited FROM policy_changes p LEFT JOIN audit_log a ON a.event = 'policy.change_expired' AND a.subject = ? WHERE p.id = ? GROUP BY p.state",
      [`policy-change:${late.id}`, late.id],
    );
    expect(rows).toEqual([{ state: 'expired', audited: 1 }]);
  });
});
