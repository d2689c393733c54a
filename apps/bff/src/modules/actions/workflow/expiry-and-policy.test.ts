import { ActionPolicySchema, DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { sweepActions } from './sweeper.ts';
import { createActionsTestApp, type ActionsTestApp } from './testing/actions-test-app.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from './testing/fleet-fixture.ts';

let db: TestDatabase;
let t: ActionsTestApp;
let swapPolicyBeforeExecuting: number | null = null;
const e = (i: number) => entityName('exp', i);
type Proposed = { data: { id: number; proposedAt: number; expiresAt: number } };

beforeAll(async () => {
  db = await createTestDatabase();
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.types.drain_entity.expirySeconds = 1;
  policy.caps.maxSegmentOutOfServiceRatio = 1;
  t = await createActionsTestApp(db, {
    policy,
    hooks: {
      beforeExecute: async (id) => {
        if (id !== swapPolicyBeforeExecuting) return;
        t.policy.replace({
          ...t.policy.current().policy,
          name: 'tightened',
          caps: { ...t.policy.current().policy.caps, maxEntitiesPerAction: 5 },
        });
      },
    },
  });
  await sendTraffic(t, [{ segment: 'exp', entities: 12 }]);
  // One full cycle first, so the timed approvals below measure the workflow, not first-call warm-up.
  const warm = (
    await json<ActionBody>(await t.propose('operator', proposal('drain_entity', e(11))))
  ).data.id;
  await t.decide('approver', warm, 'approve');
});
afterAll(async () => db?.drop());

const stateOf = async (id: number) =>
  (
    (await db.pool.query('SELECT state, failure_reason FROM actions WHERE id = ?', [id]))[0] as {
      state: string;
      failure_reason: string | null;
    }[]
  )[0]!;

/** Moves an action's expiry relative to the database clock: time in these tests is the database's, never a sleep. */
const expireIn = (id: number, ms: number) =>
  db.pool.query(`UPDATE actions SET expires_at = ${DB_NOW_MS} + ? WHERE id = ?`, [ms, id]);

describe('expiry by database time', () => {
  it('accepts an approval just before the expiry and refuses one just after it, recording the expiry', async () => {
    const early = (
      await json<Proposed>(await t.propose('operator', proposal('drain_entity', e(0))))
    ).data;
    expect(early.expiresAt - early.proposedAt).toBe(1_000);
    await expireIn(early.id, 30_000);
    expect((await t.decide('approver', early.id, 'approve')).status).toBe(200);
    expect((await stateOf(early.id)).state).toBe('executed');

    const late = (await json<Proposed>(await t.propose('operator', proposal('drain_entity', e(1)))))
      .data.id;
    await expireIn(late, -1);
    const refused = await t.decide('approver', late, 'approve');
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain('expired');
    expect((await stateOf(late)).state).toBe('expired');
    const [rows] = await db.pool.query(
      "SELECT actor FROM audit_log WHERE action_id = ? AND event = 'action.expired'",
      [late],
    );
    expect(rows).toEqual([{ actor: 'system' }]);
    expect((await t.decide('operator', late, 'cancel')).status).toBe(409);
  });

  it('expires due proposals in the sweeper, without any request touching them', async () => {
    const id = (await json<ActionBody>(await t.propose('operator', proposal('drain_entity', e(2)))))
      .data.id;
    await expireIn(id, 30_000);
    expect((await sweepActions(t.deps)).expired).toBe(0);
    await expireIn(id, -1);
    expect((await sweepActions(t.deps)).expired).toBe(1);
    expect((await stateOf(id)).state).toBe('expired');
  });
});

describe('policy as versioned data', () => {
  it('refuses execution when the policy changed between approval and execution, without calling the executor', async () => {
    const id = (
      await json<ActionBody>(await t.propose('operator', proposal('quarantine_entity', e(3))))
    ).data.id;
    const calls = t.executorCalls();
    const approvedUnder = t.policy.current().version;
    swapPolicyBeforeExecuting = id;
    const response = await t.decide('approver', id, 'approve');
    expect(response.status).toBe(200);
    const { state, failure_reason } = await stateOf(id);
    expect(state).toBe('failed');
    expect(failure_reason).toContain('the policy changed since approval');
    expect(t.executorCalls()).toBe(calls);
    const [entity] = await db.pool.query('SELECT state FROM entities WHERE slug = ?', [e(3)]);
    expect(entity).toEqual([{ state: 'active' }]);
    const [evaluations] = await db.pool.query(
      'SELECT stage, policy_version, passed FROM action_evaluations WHERE action_id = ? ORDER BY id',
      [id],
    );
    expect(evaluations).toEqual([
      { stage: 'proposal', policy_version: approvedUnder, passed: 1 },
      { stage: 'approval', policy_version: approvedUnder, passed: 1 },
      { stage: 'execution', policy_version: t.policy.current().version, passed: 0 },
    ]);
  });

  it('identifies a policy by the hash of its content and refuses invalid policies', () => {
    const copy = structuredClone(t.policy.current().policy);
    expect(t.policy.replace(copy).version).toBe(t.policy.current().version);
    const irreversibleWithoutApprover = structuredClone(DEFAULT_ACTION_POLICY);
    irreversibleWithoutApprover.types.flush_queue.approvalsRequired = 0;
    expect(ActionPolicySchema.safeParse(irreversibleWithoutApprover).success).toBe(false);
    expect(() =>
      t.policy.replace({
        ...copy,
        caps: { maxEntitiesPerAction: 0, maxSegmentOutOfServiceRatio: 2 },
      }),
    ).toThrow(/caps/);
  });

  it('lets a policy restrict who may propose a type', async () => {
    const policy = structuredClone(t.policy.current().policy);
    policy.types.pause_pipeline.proposers = ['admin'];
    t.policy.replace(policy);
    const refused = await t.propose('operator', proposal('pause_pipeline', e(4)));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('may not propose pause_pipeline');
    const [rows] = await db.pool.query(
      "SELECT COUNT(*) AS n FROM action_evaluations WHERE action_id IS NULL AND stage = 'proposal' AND passed = 0",
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBeGreaterThan(0);
  });
});
