import { Writable } from 'node:stream';
import { pino } from 'pino';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import type { ActivePolicy, PolicyChange } from '@watchfloor/shared/actions/policy-changes';
import { describe, expect, it } from 'vitest';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import type { TestApp } from '../../testing/test-app.ts';
import type { TestDatabase } from '../../testing/test-database.ts';
import { policyVersion } from '../actions/policy/policy-source.ts';
import { entityName, json, proposal } from '../actions/testing/fleet-fixture.ts';
import { DatabasePolicySource } from './database-policy-source.ts';
import {
  BASE,
  RAISED,
  change,
  withPolicyFleet,
  type Answer,
  type ErrorBody,
  type PolicyFleet,
} from './testing/policy-fleet.ts';

let db: TestDatabase;
let t: TestApp;
let source: DatabasePolicySource;
let policy: PolicyFleet['policy'];
let actions: PolicyFleet['actions'];
let activeVersion: PolicyFleet['activeVersion'];
withPolicyFleet((fleet) => ({ db, t, source, policy, actions, activeVersion } = fleet));

describe('a policy change approved by two admins, with its shadow report', () => {
  let proposed: PolicyChange;

  it('seeds the active version at boot, audited', async () => {
    const active = (await json<Answer<ActivePolicy>>(await policy.get('approver'))).data;
    expect(active).toMatchObject({
      version: policyVersion(BASE),
      activatedBy: 'system',
      changeId: null,
    });
    expect(active.policy.caps.maxEntitiesPerAction).toBe(10);
    const [rows] = await db.pool.query(
      "SELECT subject FROM audit_log WHERE event = 'policy.seeded'",
    );
    expect(rows).toEqual([{ subject: `policy:${policyVersion(BASE).slice(0, 12)}` }]);
  });

  it('shows the diff and what the change would have decided on the last proposals', async () => {
    // Passes today (a drain waiting for its approver); refused by the proposed policy (drains off).
    const drain = await actions.propose('operator', proposal('drain_entity', entityName('pol', 0)));
    expect(drain.status).toBe(201);
    // Refused today by the entity cap (11 > 10); the raised cap (20) would allow it.
    const wide = await actions.propose(
      'operator',
      proposal('scale_segment', 'wide', { params: { replicasDelta: -11 } }),
    );
    expect(wide.status).toBe(409);
    // A record whose inputs no longer parse: counted as skipped, never guessed at.
    await db.pool.query(
      `INSERT INTO action_evaluations (action_id, stage, actor, policy_name, policy_version, passed, approvals_required, auto_approve, inputs, results, evaluated_at)
       VALUES (NULL, 'proposal', 'operator', 'default', ?, 0, 1, 0, '{"stage":"proposal"}', '[]', ${DB_NOW_MS})`,
      [policyVersion(BASE)],
    );

    const response = await policy.propose('admin', {
      policy: RAISED,
      comment: 'Wider scale-downs; no drains',
    });
    expect(response.status).toBe(201);
    proposed = await change(response);
    expect(proposed).toMatchObject({
      proposedVersion: policyVersion(RAISED),
      baseVersion: policyVersion(BASE),
      proposer: 'admin',
      state: 'proposed',
      approvals: [],
      approvalsRequired: 2,
      stale: false,
    });
    expect(proposed.expiresAt - proposed.createdAt).toBe(24 * 3_600_000);
    expect(proposed.diff).toEqual([
      { path: 'caps.maxEntitiesPerAction', before: 10, after: 20 },
      { path: 'types.drain_entity.enabled', before: true, after: false },
    ]);
    const { differences, ...counts } = proposed.shadow;
    expect(counts).toEqual({
      evaluated: 2,
      skipped: 1,
      unchanged: 0,
      nowAllowed: 1,
      nowRefused: 1,
      refusedDifferently: 0,
    });
    const drainId = (await json<Answer<{ id: number }>>(drain)).data.id;
    expect(differences).toEqual([
      expect.objectContaining({
        actionId: null,
        type: 'scale_segment',
        target: 'wide',
        before: { passed: false, failed: ['blast_radius_entities'] },
        after: { passed: true, failed: [] },
      }),
      expect.objectContaining({
        actionId: drainId,
        type: 'drain_entity',
        target: entityName('pol', 0),
        before: { passed: true, failed: [] },
        after: { passed: false, failed: ['type_enabled'] },
      }),
    ]);
    // Approvers and managers read it; the detail is the same change.
    expect(await change(await policy.get('approver', `/changes/${proposed.id}`))).toEqual(proposed);
    const list = (
      await json<Answer<{ changes: PolicyChange[] }>>(await policy.get('manager', '/changes'))
    ).data;
    expect(list.changes.map((c) => c.id)).toContain(proposed.id);
  });

  it('refuses the proposer, a wrong version hash and a second approval by the same admin', async () => {
    const own = await policy.approve('admin', proposed.id, { version: proposed.proposedVersion });
    expect(own.status).toBe(403);

    const wrong = await policy.approve('admin2', proposed.id, { version: policyVersion(BASE) });
    expect(wrong.status).toBe(409);
    expect((await json<ErrorBody>(wrong)).error.details).toEqual([
      { field: 'version', message: `must be ${proposed.proposedVersion}` },
    ]);
    const malformed = await policy.approve('admin2', proposed.id, { version: 'abc' });
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(await malformed.json())).toContain('"field":"version"');

    const first = await policy.approve('admin2', proposed.id, {
      version: proposed.proposedVersion,
      comment: 'checked the shadow report',
    });
    expect(first.status).toBe(200);
    const afterFirst = await change(first);
    expect(afterFirst.state).toBe('proposed');
    expect(afterFirst.approvals.map((a) => a.approver)).toEqual(['admin2']);
    expect(await activeVersion()).toBe(policyVersion(BASE));

    const again = await policy.approve('admin2', proposed.id, {
      version: proposed.proposedVersion,
    });
    expect(again.status).toBe(409);
    expect(
      (await change(await policy.get('admin', `/changes/${proposed.id}`))).approvals,
    ).toHaveLength(1);
  });

  it('activates on the second admin approval: the new version decides the next proposal', async () => {
    const second = await policy.approve('admin3', proposed.id, {
      version: proposed.proposedVersion,
    });
    expect(second.status).toBe(200);
    const activated = await change(second);
    expect(activated).toMatchObject({ state: 'active', decidedBy: 'admin3' });
    const active = (await json<Answer<ActivePolicy>>(await policy.get('admin'))).data;
    expect(active).toMatchObject({
      version: policyVersion(RAISED),
      activatedBy: 'admin3',
      changeId: proposed.id,
    });
    expect(source.current().version).toBe(policyVersion(RAISED));

    const next = await actions.propose(
      'operator',
      proposal('quarantine_entity', entityName('pol', 1)),
    );
    expect(next.status).toBe(201);
    const nextId = (await json<Answer<{ id: number }>>(next)).data.id;
    const [evaluations] = await db.pool.query(
      'SELECT policy_version FROM action_evaluations WHERE action_id = ?',
      [nextId],
    );
    expect(evaluations).toEqual([{ policy_version: policyVersion(RAISED) }]);
    // And drains are now refused, as the shadow report said.
    const drain = await actions.propose('operator', proposal('drain_entity', entityName('pol', 2)));
    expect(drain.status).toBe(409);
  });

  it('audits every step in the chain, which still verifies', async () => {
    const [rows] = await db.pool.query(
      "SELECT actor, event, subject FROM audit_log WHERE event LIKE 'policy.%' AND event NOT IN ('policy.passed', 'policy.refused') ORDER BY seq",
    );
    const subject = `policy-change:${proposed.id}`;
    expect(rows).toEqual([
      {
        actor: 'system',
        event: 'policy.seeded',
        subject: `policy:${policyVersion(BASE).slice(0, 12)}`,
      },
      { actor: 'admin', event: 'policy.change_proposed', subject },
      { actor: 'admin2', event: 'policy.change_approved', subject },
      { actor: 'admin3', event: 'policy.change_approved', subject },
      {
        actor: 'admin3',
        event: 'policy.activated',
        subject: `policy:${policyVersion(RAISED).slice(0, 12)}`,
      },
    ]);
    const verify = await json<Answer<{ ok: boolean }>>(
      await t.get('/api/v1/audit/verify', 'admin'),
    );
    expect(verify.data.ok).toBe(true);
  });
});

// After the approval chain on purpose: a second process converges on the version it activated,
// and the shadow fallback replays the scale-down that chain saw refused.
describe('the database-backed policy source', () => {
  it('lets a second process converge, and warns when its policy file differs from the active version', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const other = await DatabasePolicySource.open(
      db.pool,
      { policy: DEFAULT_ACTION_POLICY, from: '/etc/watchfloor/policy.json' },
      logger,
    );
    const active = await activeVersion();
    expect(other.current().version).toBe(active);
    const warning = lines.join('');
    expect(warning).toContain(policyVersion(DEFAULT_ACTION_POLICY));
    expect(warning).toContain(active);

    const next = await change(
      await policy.propose('admin', {
        policy: { ...source.current().policy, name: 'converged' },
        comment: 'n',
      }),
    );
    for (const admin of ['admin2', 'admin3'] as const)
      await policy.approve(admin, next.id, { version: next.proposedVersion });
    expect(other.current().version).toBe(active);
    expect(await other.refresh()).toBe(true);
    expect(other.current().version).toBe(next.proposedVersion);
    expect(other.current().policy.name).toBe('converged');
  });

  it('uses the recorded result as "before" when the version a proposal met is not stored', async () => {
    const unknown = 'f'.repeat(64);
    await db.pool.query(
      `INSERT INTO action_evaluations (action_id, stage, actor, policy_name, policy_version, passed, approvals_required, auto_approve, inputs, results, evaluated_at)
       SELECT NULL, 'proposal', actor, 'lost', ?, 0, approvals_required, 0, inputs,
              '[{"code":"type_enabled","passed":false,"message":"disabled then"}]', evaluated_at
         FROM action_evaluations WHERE stage = 'proposal' AND action_id IS NULL AND inputs LIKE '%scale_segment%'
        ORDER BY id LIMIT 1`,
      [unknown],
    );
    const report = (
      await change(
        await policy.propose('admin', {
          policy: { ...source.current().policy, name: 'fallback' },
          comment: 'f',
        }),
      )
    ).shadow;
    expect(report.differences).toContainEqual(
      expect.objectContaining({
        type: 'scale_segment',
        before: { passed: false, failed: ['type_enabled'] },
        after: { passed: true, failed: [] },
      }),
    );
  });
});
