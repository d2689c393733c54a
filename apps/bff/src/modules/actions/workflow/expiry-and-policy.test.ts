import { ActionPolicySchema, DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import { expireIn } from '../testing/db-clock-shift.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';
import { sweepActions } from './sweeper.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
let swapPolicyBeforeExecuting: number | null = null;
let next = 0;
/** A target no earlier proposal touched, so each test stands alone. */
const fresh = () => entityName('exp', next++);
type Proposed = { data: { id: number; proposedAt: number; expiresAt: number } };

const POLICY = structuredClone(DEFAULT_ACTION_POLICY);
POLICY.types.drain_entity.expirySeconds = 10 * 60;
POLICY.caps.maxSegmentOutOfServiceRatio = 1;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, {
    actions: {
      policy: POLICY,
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
    },
  });
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'exp', entities: 12 }]);
});
beforeEach(() => {
  t.policy.replace(POLICY);
});
afterAll(async () => db?.drop());

const stateOf = async (id: number) =>
  (
    (await db.pool.query('SELECT state, failure_reason FROM actions WHERE id = ?', [id]))[0] as {
      state: string;
      failure_reason: string | null;
    }[]
  )[0]!;

describe('expiry by database time', () => {
  it('accepts an approval just before the expiry and refuses one just after it, recording the expiry', async () => {
    const early = (
      await json<Proposed>(await api.propose('operator', proposal('drain_entity', fresh())))
    ).data;
    // The type's own expiry, counted from the proposal by the database clock.
    expect(early.expiresAt - early.proposedAt).toBe(10 * 60_000);
    await expireIn(db.pool, early.id, 30_000);
    expect((await api.decide('approver', early.id, 'approve')).status).toBe(200);
    expect((await stateOf(early.id)).state).toBe('executed');

    const late = (
      await json<Proposed>(await api.propose('operator', proposal('drain_entity', fresh())))
    ).data.id;
    await expireIn(db.pool, late, -1);
    const refused = await api.decide('approver', late, 'approve');
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain('expired');
    expect((await stateOf(late)).state).toBe('expired');
    const [rows] = await db.pool.query(
      "SELECT actor FROM audit_log WHERE action_id = ? AND event = 'action.expired'",
      [late],
    );
    expect(rows).toEqual([{ actor: 'system' }]);
    expect((await api.decide('operator', late, 'cancel')).status).toBe(409);
  });

  it('expires due proposals in the sweeper, without any request touching them', async () => {
    const id = (
      await json<ActionBody>(await api.propose('operator', proposal('drain_entity', fresh())))
    ).data.id;
    await expireIn(db.pool, id, 30_000);
    expect((await sweepActions(t.actions)).expired).toBe(0);
    await expireIn(db.pool, id, -1);
    expect((await sweepActions(t.actions)).expired).toBe(1);
    expect((await stateOf(id)).state).toBe('expired');
  });
});

describe('policy as versioned data', () => {
  it('refuses execution when the policy changed between approval and execution, without calling the executor', async () => {
    const target = fresh();
    const id = (
      await json<ActionBody>(await api.propose('operator', proposal('quarantine_entity', target)))
    ).data.id;
    const calls = t.executorCalls();
    const approvedUnder = t.policy.current().version;
    swapPolicyBeforeExecuting = id;
    const response = await api.decide('approver', id, 'approve');
    expect(response.status).toBe(200);
    const { state, failure_reason } = await stateOf(id);
    expect(state).toBe('failed');
    expect(failure_reason).toContain('the policy changed since approval');
    expect(t.executorCalls()).toBe(calls);
    const [entity] = await db.pool.query('SELECT state FROM entities WHERE slug = ?', [target]);
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
    const refused = await api.propose('operator', proposal('pause_pipeline', fresh()));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('may not propose pause_pipeline');
    const [rows] = await db.pool.query(
      "SELECT COUNT(*) AS n FROM action_evaluations WHERE action_id IS NULL AND stage = 'proposal' AND passed = 0",
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBeGreaterThan(0);
  });
});
