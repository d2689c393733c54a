import { ACTION_STATES, canTransition, type ActionState } from '@watchfloor/shared/actions/states';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { executeAction } from './execution.service.ts';

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
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
/** Executions held inside the executor: `entered` resolves once it runs, `release` lets it finish. */
const held = new Map<number, { entered: () => void; gate: Promise<void> }>();
const releases: (() => void)[] = [];
const pending: Promise<unknown>[] = [];
const e = (i: number) => entityName('tt', i);
let next = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.caps.maxSegmentOutOfServiceRatio = 1;
  t = await createTestApp(db, {
    actions: {
      policy,
      executeOnApproval: false,
      aroundExecutor: async (request, run) => {
        const hold = held.get(request.actionId);
        if (hold) {
          hold.entered();
          await hold.gate;
        }
        return run();
      },
    },
  });
  api = actionsApi(t);
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

async function proposed(): Promise<number> {
  const response = await api.propose('operator', proposal('drain_entity', e(next++)));
  expect(response.status).toBe(201);
  return (await json<ActionBody>(response)).data.id;
}
async function approved(): Promise<number> {
  const id = await proposed();
  expect((await api.decide('approver', id, 'approve')).status).toBe(200);
  return id;
}

/** Puts a fresh action into each state through the API (and the executor for `executing`). */
const REACH: Record<ActionState, () => Promise<number>> = {
  proposed: () => proposed(),
  approved: () => approved(),
  executing: async () => {
    const id = await approved();
    // The executor runs only once executing has committed: waiting for it to be entered is waiting for the state.
    const entered = new Promise<void>((resolve) =>
      held.set(id, { entered: resolve, gate: new Promise((release) => releases.push(release)) }),
    );
    pending.push(executeAction(t.actions, id, 'test').catch(() => undefined));
    await entered;
    return id;
  },
  executed: async () => {
    const id = await approved();
    await executeAction(t.actions, id, 'test');
    return id;
  },
  rolled_back: async () => {
    const id = await REACH.executed();
    expect((await api.decide('operator', id, 'rollback')).status).toBe(200);
    return id;
  },
  rejected: async () => {
    const id = await proposed();
    expect((await api.decide('approver', id, 'reject', { comment: 'no' })).status).toBe(200);
    return id;
  },
  cancelled: async () => {
    const id = await proposed();
    expect((await api.decide('operator', id, 'cancel')).status).toBe(200);
    return id;
  },
  expired: async () => {
    const id = await proposed();
    await expireIn(db.pool, id, -1);
    expect((await api.decide('approver', id, 'approve')).status).toBe(409);
    return id;
  },
  failed: async () => {
    const id = await approved();
    await db.pool.query(
      "UPDATE entities SET state = 'drained' WHERE id = (SELECT entity_id FROM action_targets WHERE action_id = ?)",
      [id],
    );
    await executeAction(t.actions, id, 'test');
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
    run: async (id) => (await api.decide('approver2', id, 'approve')).status,
  },
  reject: {
    from: 'proposed',
    to: 'rejected',
    run: async (id) => (await api.decide('approver2', id, 'reject', { comment: 'no' })).status,
  },
  cancel: {
    from: 'proposed',
    to: 'cancelled',
    run: async (id) => (await api.decide('operator', id, 'cancel')).status,
  },
  rollback: {
    from: 'executed',
    to: 'rolled_back',
    run: async (id) => (await api.decide('operator', id, 'rollback')).status,
  },
  execute: {
    from: 'approved',
    to: 'executed',
    run: (id) =>
      executeAction(t.actions, id, 'test').then(
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
