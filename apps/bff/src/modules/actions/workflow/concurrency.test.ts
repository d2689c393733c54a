import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';
import { executeAction } from './execution.service.ts';

let db: TestDatabase;
/** Two BFF processes' worth of app on one database: one executes on approval, one leaves it to the sweeper. */
let immediate: TestApp;
let deferred: TestApp;
let immediateApi: ReturnType<typeof actionsApi>;
let deferredApi: ReturnType<typeof actionsApi>;
const LAYOUT = [
  { segment: 'wide', entities: 8 },
  { segment: 'race', entities: 40 },
];

beforeAll(async () => {
  db = await createTestDatabase();
  immediate = await createTestApp(db);
  deferred = await createTestApp(db, { actions: { executeOnApproval: false } });
  immediateApi = actionsApi(immediate);
  deferredApi = actionsApi(deferred);
  await sendTraffic(immediate, LAYOUT);
});
afterAll(async () => db?.drop());

const count = async (sql: string, params: unknown[]) =>
  Number(((await db.pool.query(sql, params))[0] as { n: number }[])[0]!.n);
const recordsOf = (id: number, event: string) =>
  count('SELECT COUNT(*) AS n FROM audit_log WHERE action_id = ? AND event = ?', [id, event]);

describe('under concurrency', () => {
  it('holds the segment blast-radius cap when every entity of a segment is proposed for draining at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        immediateApi.propose(
          i % 2 ? 'operator' : 'operator2',
          proposal('drain_entity', entityName('wide', i)),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    // 25% of 8 entities: two may be out of service at once, counting proposals in flight.
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409, 409, 409]);
    const refused = await Promise.all(
      responses.filter((r) => r.status === 409).map((r) => r.text()),
    );
    expect(refused.every((body) => body.includes('blast_radius_segment'))).toBe(true);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM actions a JOIN segments s ON s.id = a.segment_id WHERE s.slug = 'wide' AND a.state = 'proposed'",
        [],
      ),
    ).toBe(2);
  });

  it('turns 64 parallel approvals of one action into one transition, one execution and one executor call', async () => {
    const { data } = await json<ActionBody>(
      await immediateApi.propose('operator', proposal('drain_entity', entityName('race', 0))),
    );
    const callsBefore = immediate.executorCalls();
    const approvers: TestUser[] = ['approver', 'approver2', 'admin', 'polymath'];
    await Promise.all(approvers.map((u) => immediate.cookieFor(u)));
    const responses = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        immediateApi.decide(approvers[i % approvers.length]!, data.id, 'approve'),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(63);
    expect(immediate.executorCalls() - callsBefore).toBe(1);
    for (const event of [
      'action.approval_recorded',
      'action.approved',
      'action.executing',
      'action.executed',
    ])
      expect(await recordsOf(data.id, event), event).toBe(1);
    expect(
      await count('SELECT COUNT(*) AS n FROM action_approvals WHERE action_id = ?', [data.id]),
    ).toBe(1);
  });

  it('executes an approved action once when 64 executions race', async () => {
    const { data } = await json<ActionBody>(
      await deferredApi.propose('operator', proposal('drain_entity', entityName('race', 1))),
    );
    expect(
      (await json<ActionBody>(await deferredApi.decide('approver', data.id, 'approve'))).data.state,
    ).toBe('approved');
    const callsBefore = deferred.executorCalls();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 64 }, () => executeAction(deferred.actions, data.id, 'race')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(
      outcomes.filter(
        (o) => o.status === 'rejected' && (o.reason as { status?: number }).status === 409,
      ),
    ).toHaveLength(63);
    expect(deferred.executorCalls() - callsBefore).toBe(1);
    expect(await recordsOf(data.id, 'action.executing')).toBe(1);
    expect(await recordsOf(data.id, 'action.executed')).toBe(1);
  });

  it('resolves racing approve, reject and cancel calls on one action to exactly one decision', async () => {
    const { data } = await json<ActionBody>(
      await immediateApi.propose('operator', proposal('quarantine_entity', entityName('race', 2))),
    );
    const calls = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? immediateApi.decide('approver', data.id, 'approve')
        : i % 3 === 1
          ? immediateApi.decide('approver2', data.id, 'reject', { comment: 'no' })
          : immediateApi.decide('operator', data.id, 'cancel'),
    );
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const decisions = await count(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action_id = ? AND event IN ('action.approved', 'action.rejected', 'action.cancelled')",
      [data.id],
    );
    expect(decisions).toBe(1);
  });
});
