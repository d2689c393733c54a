import { ACTION_STATES, canTransition, type ActionState } from '@watchfloor/shared/actions/states';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { executeAction } from './execution.service.ts';
import { createSimulatedFleetExecutor } from './executors/simulated-fleet.executor.ts';
import { createActionsTestApp, type ActionsTestApp } from './testing/actions-test-app.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from './testing/fleet-fixture.ts';

/** The table as the design states it, written out independently of the code under test. */
const LEGAL = new Set([
  'proposed>approved',
  'proposed>rejected',
  'proposed>expired',
  'proposed>cancelled',
  'approved>executing',
  'executing>executed',
  'executing>failed',
  'executed>rolled_back',
]);

let db: TestDatabase;
let t: ActionsTestApp;
const gates = new Map<number, Promise<void>>();
const releases: (() => void)[] = [];
const pending: Promise<unknown>[] = [];
const sim = createSimulatedFleetExecutor();
const e = (i: number) => entityName('tt', i);
let next = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.caps.maxSegmentOutOfServiceRatio = 1;
  policy.types.quarantine_entity.expirySeconds = 1;
  t = await createActionsTestApp(db, {
    policy,
    executeOnApproval: false,
    executor: {
      name: 'gated',
      run: async (request) => (await gates.get(request.actionId), sim.run(request)),
    },
  });
  await sendTraffic(t, [{ segment: 'tt', entities: 60 }]);
});
afterAll(async () => {
  for (const release of releases) release();
  await Promise.all(pending);
  await db?.drop();
});

const stateOf = async (id: number) =>
  (
    (await db.pool.query('SELECT state FROM actions WHERE id = ?', [id]))[0] as {
      state: ActionState;
    }[]
  )[0]!.state;
const auditCount = async (id: number) =>
  Number(
    (
      (await db.pool.query('SELECT COUNT(*) AS n FROM audit_log WHERE action_id = ?', [id]))[0] as {
        n: number;
      }[]
    )[0]!.n,
  );

async function proposed(
  type: 'drain_entity' | 'quarantine_entity' = 'drain_entity',
): Promise<number> {
  const response = await t.propose('operator', proposal(type, e(next++)));
  expect(response.status).toBe(201);
  return (await json<ActionBody>(response)).data.id;
}
async function approved(): Promise<number> {
  const id = await proposed();
  expect((await t.decide('approver', id, 'approve')).status).toBe(200);
  return id;
}

/** Puts a fresh action into each state through the API (and the executor for `executing`). */
const REACH: Record<ActionState, () => Promise<number>> = {
  proposed: () => proposed(),
  approved: () => approved(),
  executing: async () => {
    const id = await approved();
    gates.set(id, new Promise((resolve) => releases.push(resolve)));
    pending.push(executeAction(t.deps, id, 'test').catch(() => undefined));
    for (let i = 0; i < 100 && (await stateOf(id)) !== 'executing'; i++)
      await new Promise((r) => setTimeout(r, 20));
    return id;
  },
  executed: async () => {
    const id = await approved();
    await executeAction(t.deps, id, 'test');
    return id;
  },
  rolled_back: async () => {
    const id = await REACH.executed();
    expect((await t.decide('operator', id, 'rollback')).status).toBe(200);
    return id;
  },
  rejected: async () => {
    const id = await proposed();
    expect((await t.decide('approver', id, 'reject', { comment: 'no' })).status).toBe(200);
    return id;
  },
  cancelled: async () => {
    const id = await proposed();
    expect((await t.decide('operator', id, 'cancel')).status).toBe(200);
    return id;
  },
  expired: async () => {
    const id = await proposed('quarantine_entity');
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await t.decide('approver', id, 'approve')).status).toBe(409);
    return id;
  },
  failed: async () => {
    const id = await approved();
    await db.pool.query(
      "UPDATE entities SET state = 'drained' WHERE id = (SELECT entity_id FROM action_targets WHERE action_id = ?)",
      [id],
    );
    await executeAction(t.deps, id, 'test');
    return id;
  },
};

type Operation = 'approve' | 'reject' | 'cancel' | 'rollback' | 'execute';
const OPERATIONS: Record<
  Operation,
  { from: ActionState; to: ActionState; run: (id: number) => Promise<number> }
> = {
  approve: {
    from: 'proposed',
    to: 'approved',
    run: async (id) => (await t.decide('approver2', id, 'approve')).status,
  },
  reject: {
    from: 'proposed',
    to: 'rejected',
    run: async (id) => (await t.decide('approver2', id, 'reject', { comment: 'no' })).status,
  },
  cancel: {
    from: 'proposed',
    to: 'cancelled',
    run: async (id) => (await t.decide('operator', id, 'cancel')).status,
  },
  rollback: {
    from: 'executed',
    to: 'rolled_back',
    run: async (id) => (await t.decide('operator', id, 'rollback')).status,
  },
  execute: {
    from: 'approved',
    to: 'executed',
    run: (id) =>
      executeAction(t.deps, id, 'test').then(
        () => 200,
        (error: { status?: number }) => error.status ?? 500,
      ),
  },
};

describe('transition table', () => {
  it('allows exactly the designed transitions', () => {
    for (const from of ACTION_STATES)
      for (const to of ACTION_STATES)
        expect(canTransition(from, to), `${from} → ${to}`).toBe(LEGAL.has(`${from}>${to}`));
  });

  it.each(ACTION_STATES)(
    'from %s: legal operations succeed, every other one is 409 and changes nothing',
    async (state) => {
      for (const [name, op] of Object.entries(OPERATIONS)) {
        const id = await REACH[state]();
        expect(await stateOf(id), `reaching ${state}`).toBe(state);
        const records = await auditCount(id);
        const status = await op.run(id);
        if (op.from === state) {
          expect(status, `${name} from ${state}`).toBe(200);
          expect(await stateOf(id)).not.toBe(state);
        } else {
          expect(status, `${name} from ${state}`).toBe(409);
          expect(await stateOf(id)).toBe(state);
          expect(await auditCount(id)).toBe(records);
        }
      }
    },
  );
});
