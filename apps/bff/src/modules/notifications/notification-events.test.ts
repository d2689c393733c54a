import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { actionsApi } from '../actions/testing/actions-api.ts';
import { expireIn } from '../actions/testing/db-clock-shift.ts';
import { entityName, json, proposal, sendTraffic } from '../actions/testing/fleet-fixture.ts';
import { sweepActions } from '../actions/workflow/sweeper.ts';
import { enqueueExpiryWarnings } from './expiry-warnings.ts';
import { outboxOf } from './testing/outbox-queries.ts';

const POLICY = structuredClone(DEFAULT_ACTION_POLICY);
POLICY.caps.maxSegmentOutOfServiceRatio = 1;

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
let next = 0;
const fresh = () => entityName('evt', next++);
/** The action whose transition's transaction a test makes fail after its audit record. */
let breakTransactionOf: number | null = null;
/** The action whose execution a test makes fail. */
let failExecutionOf: number | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, {
    actions: {
      policy: POLICY,
      hooks: {
        inTransaction: async (point, info) => {
          if (point === 'after-audit' && info.actionId === breakTransactionOf)
            throw new Error('database lost mid-transition');
        },
      },
      aroundExecutor: async (request, run) =>
        request.actionId === failExecutionOf && request.operation === 'execute'
          ? { ok: false, reason: 'fleet API refused' }
          : run(),
    },
  });
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'evt', entities: 16 }]);
});
afterAll(async () => db?.drop());

async function propose(type: 'drain_entity' | 'restart_entity' = 'drain_entity') {
  const response = await api.propose('operator', proposal(type, fresh()));
  expect(response.status).toBe(201);
  return (await json<{ data: { id: number } }>(response)).data.id;
}
const kindsOf = async (actionId: number) => (await outboxOf(db.pool, actionId)).map((r) => r.kind);
const textOf = async (actionId: number, kind: string) => {
  const [rows] = await db.pool.query(
    'SELECT payload FROM notification_outbox WHERE action_id = ? AND kind = ?',
    [actionId, kind],
  );
  return (JSON.parse((rows as { payload: string }[])[0]!.payload) as { text: string }).text;
};

describe('notifications written with transitions', () => {
  it('announces a proposal needing approval, its approval, execution and rollback, once each', async () => {
    const id = await propose();
    expect(await kindsOf(id)).toEqual(['proposed']);
    expect((await api.decide('approver', id, 'approve', { comment: 'go ahead' })).status).toBe(200);
    expect((await api.decide('operator', id, 'rollback', { comment: 'undo' })).status).toBe(200);
    expect(await kindsOf(id)).toEqual(['proposed', 'approved', 'executed', 'rolled_back']);
    expect(await textOf(id, 'approved')).toBe(
      `Action #${id} (drain_entity on entity ${entityName('evt', next - 1)}) was approved by approver: "go ahead".`,
    );
  });

  it('announces a rejection and a cancellation with their comments', async () => {
    const rejected = await propose();
    await api.decide('approver', rejected, 'reject', { comment: 'wrong target' });
    expect(await kindsOf(rejected)).toEqual(['proposed', 'rejected']);
    expect(await textOf(rejected, 'rejected')).toContain('rejected by approver: "wrong target"');

    const cancelled = await propose();
    await api.decide('operator', cancelled, 'cancel', {});
    expect(await kindsOf(cancelled)).toEqual(['proposed', 'cancelled']);
  });

  it('announces an auto-approved proposal by its approval only, and a failed execution with its reason', async () => {
    const auto = await propose('restart_entity');
    expect(await kindsOf(auto)).toEqual(['approved', 'executed']);
    expect(await textOf(auto, 'approved')).toContain('approved automatically by policy');

    const id = await propose();
    failExecutionOf = id;
    await api.decide('approver', id, 'approve');
    failExecutionOf = null;
    expect(await kindsOf(id)).toEqual(['proposed', 'approved', 'failed']);
    expect(await textOf(id, 'failed')).toContain('fleet API refused');
  });

  it('writes no notification when the transition’s transaction rolls back', async () => {
    const id = await propose();
    breakTransactionOf = id;
    const response = await api.decide('approver', id, 'approve');
    breakTransactionOf = null;
    expect(response.status).toBe(500);
    expect(await kindsOf(id)).toEqual(['proposed']);
  });
});

describe('expiry warning', () => {
  it('is enqueued once, five minutes before expiry by the database clock', async () => {
    const soon = await propose();
    const later = await propose();
    await expireIn(db.pool, soon, 4 * 60_000);
    await expireIn(db.pool, later, 6 * 60_000);

    await sweepActions(t.actions);
    await Promise.all([enqueueExpiryWarnings(db.pool), enqueueExpiryWarnings(db.pool)]);
    await sweepActions(t.actions);
    expect(await kindsOf(soon)).toEqual(['proposed', 'expiring']);
    expect(await kindsOf(later)).toEqual(['proposed']);
    expect(await textOf(soon, 'expiring')).toContain('expires in 5 minutes');

    await expireIn(db.pool, later, 5 * 60_000 - 1_000);
    await sweepActions(t.actions);
    expect(await kindsOf(later)).toEqual(['proposed', 'expiring']);
  });
});
