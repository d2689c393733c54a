import { Writable } from 'node:stream';
import { pino } from 'pino';
import { DEFAULT_ACTION_POLICY, type ActionPolicy } from '@watchfloor/shared/actions/policy';
import type { ActivePolicy, PolicyChange } from '@watchfloor/shared/actions/policy-changes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { policyVersion } from '../actions/policy/policy-source.ts';
import { actionsApi } from '../actions/testing/actions-api.ts';
import { entityName, json, proposal, sendTraffic } from '../actions/testing/fleet-fixture.ts';
import { DatabasePolicySource } from './database-policy-source.ts';
import { policyApi } from './testing/policy-api.ts';

let db: TestDatabase;
let t: TestApp;
let source: DatabasePolicySource;
let policy: Awaited<ReturnType<typeof policyApi>>;
let actions: ReturnType<typeof actionsApi>;

type Answer<T> = { data: T };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** The policy the test fleet starts under: the default, with no segment share cap in the way. */
const BASE: ActionPolicy = structuredClone(DEFAULT_ACTION_POLICY);
BASE.caps.maxSegmentOutOfServiceRatio = 1;

/** The change under review: a raised entity cap, and drains switched off. */
const RAISED: ActionPolicy = structuredClone(BASE);
RAISED.caps.maxEntitiesPerAction = 20;
RAISED.types.drain_entity.enabled = false;

const change = async (response: Response) => (await json<Answer<PolicyChange>>(response)).data;
const activeVersion = async () =>
  (await json<Answer<ActivePolicy>>(await policy.get('manager'))).data.version;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, { actions: { policy: BASE } });
  // The server runs the actions module on the database-backed source; so does this test.
  source = await DatabasePolicySource.open(db.pool, { policy: BASE, from: 'default' });
  t.actions.policy = source;
  policy = await policyApi(t, db);
  actions = actionsApi(t);
  await sendTraffic(t, [
    { segment: 'wide', entities: 12 },
    { segment: 'pol', entities: 8 },
  ]);
});
afterAll(async () => {
  source?.stop();
  await db?.drop();
});

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
