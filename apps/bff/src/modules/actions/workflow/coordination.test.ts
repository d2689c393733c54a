import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { DEFAULT_ACTION_POLICY, type ActionPolicy } from '@watchfloor/shared/actions/policy';
import type { Freeze } from '@watchfloor/shared/actions/coordination';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseNow } from '../../../db/db-clock.ts';
import { drain } from '../../../testing/rollup-truth.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;

const LAYOUT = [
  { segment: 'web', entities: 12 },
  { segment: 'api', entities: 12 },
  { segment: 'bulk', entities: 6 },
];
const web = (i: number) => entityName('web', i);
const api_ = (i: number) => entityName('api', i);

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { policy?: { results: { code: string; passed: boolean }[] } };
  };
}
const failedChecks = (body: ErrorBody) =>
  (body.error.details?.policy?.results ?? []).filter((r) => !r.passed).map((r) => r.code);

/** The default policy with these freezes (times relative to the database clock). */
async function withFreezes(...freezes: Omit<Freeze, 'from' | 'to'>[]): Promise<ActionPolicy> {
  const now = await databaseNow(db.pool);
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.coordination!.freezes = freezes.map((f) => ({
    ...f,
    from: new Date(now - 60_000).toISOString(),
    to: new Date(now + 3_600_000).toISOString(),
  }));
  return policy;
}

/** Cancels every proposed action, so each test starts with nothing in flight. */
async function cancelAll() {
  const [rows] = await db.pool.query("SELECT id, proposer FROM actions WHERE state = 'proposed'");
  for (const { id, proposer } of rows as { id: number; proposer: 'operator' | 'admin' }[])
    expect((await api.decide(proposer, id, 'cancel')).status).toBe(200);
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  api = actionsApi(t);
  await sendTraffic(t, LAYOUT);
});
beforeEach(async () => {
  t.policy.replace(DEFAULT_ACTION_POLICY);
  await cancelAll();
});
afterAll(async () => db?.drop());

describe('change freezes and maintenance windows', () => {
  it('refuses a proposal inside a freeze on its segment, naming it and the way out', async () => {
    t.policy.replace(
      await withFreezes({
        id: 'black-friday',
        kind: 'freeze',
        segments: ['web'],
        reason: 'peak sales',
      }),
    );
    const refused = await api.propose('operator', proposal('drain_entity', web(0)));
    expect(refused.status).toBe(409);
    const body = await json<ErrorBody>(refused);
    expect(failedChecks(body)).toEqual(['change_freeze']);
    expect(body.error.message).toContain('black-friday');
    expect(body.error.message).toContain('admin may override');
    // Another segment is not frozen.
    const elsewhere = await api.propose('operator', proposal('drain_entity', api_(0)));
    expect(elsewhere.status).toBe(201);
  });

  it('covers every segment when a freeze names none', async () => {
    t.policy.replace(
      await withFreezes({ id: 'dc-move', kind: 'maintenance', reason: 'datacentre move' }),
    );
    const refused = await api.propose('operator', proposal('drain_entity', api_(1)));
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.message).toContain(
      'maintenance window "dc-move"',
    );
  });

  it('lets an admin override with a reason, audited, honoured through approval and execution', async () => {
    t.policy.replace(
      await withFreezes({
        id: 'black-friday',
        kind: 'freeze',
        segments: ['web'],
        reason: 'peak sales',
      }),
    );
    const reason = 'Checkout is failing on this host; waiting is worse than the risk.';
    const created = await api.propose('admin', {
      ...proposal('drain_entity', web(1)),
      freezeOverride: { reason },
    });
    expect(created.status).toBe(201);
    const action = (await json<ActionBody & { data: { freezeOverride: unknown } }>(created)).data;
    expect(action.freezeOverride).toEqual({ by: 'admin', reason, freezes: ['black-friday'] });
    const approved = await api.decide('approver', action.id, 'approve', { comment: 'agreed' });
    expect(approved.status).toBe(200);
    expect((await json<ActionBody>(approved)).data.state).toBe('executed');
    const [rows] = await db.pool.query(
      "SELECT payload FROM audit_log WHERE action_id = ? AND event = 'action.proposed'",
      [action.id],
    );
    const payload = JSON.parse((rows as { payload: string }[])[0]!.payload) as {
      freezeOverride: unknown;
    };
    expect(payload.freezeOverride).toEqual({ by: 'admin', reason, freezes: ['black-friday'] });
    expect((await api.decide('admin', action.id, 'rollback', { comment: 'done' })).status).toBe(
      200,
    );
  });

  it('refuses an override from a non-admin (403) and one with nothing to override (422)', async () => {
    const override = { freezeOverride: { reason: 'I really need to do this now.' } };
    const nothing = await api.propose('admin', {
      ...proposal('drain_entity', web(2)),
      ...override,
    });
    expect(nothing.status).toBe(422);
    expect(JSON.stringify(await nothing.json())).toContain('freezeOverride');
    t.policy.replace(
      await withFreezes({ id: 'f1', kind: 'freeze', segments: ['web'], reason: 'release' }),
    );
    const operator = await api.propose('operator', {
      ...proposal('drain_entity', web(2)),
      ...override,
    });
    expect(operator.status).toBe(403);
    expect((await json<ErrorBody>(operator)).error.message).toContain('admin');
  });

  it('binds an action proposed before the freeze when it is approved inside it', async () => {
    const created = await api.propose('operator', proposal('drain_entity', web(3)));
    expect(created.status).toBe(201);
    const { id } = (await json<ActionBody>(created)).data;
    t.policy.replace(
      await withFreezes({
        id: 'late-freeze',
        kind: 'freeze',
        segments: ['web'],
        reason: 'incident review',
      }),
    );
    const approval = await api.decide('approver', id, 'approve', { comment: 'go' });
    expect(approval.status).toBe(409);
    expect(failedChecks(await json<ErrorBody>(approval))).toContain('change_freeze');
  });
});

describe('the conflict matrix', () => {
  it('refuses scaling a segment while one of its entities is being drained, naming the drain', async () => {
    const drainAction = await api.propose('operator', proposal('drain_entity', web(4)));
    const { id } = (await json<ActionBody>(drainAction)).data;
    const scale = await api.propose(
      'operator2',
      proposal('scale_segment', 'web', { params: { replicasDelta: -1 } }),
    );
    expect(scale.status).toBe(409);
    const body = await json<ErrorBody>(scale);
    expect(failedChecks(body)).toEqual(['conflict_matrix']);
    expect(body.error.message).toContain(`#${id} drain_entity`);
  });

  it('refuses draining an entity while its segment is being scaled, and allows pairs it does not list', async () => {
    const scale = await api.propose(
      'operator',
      proposal('scale_segment', 'api', { params: { replicasDelta: -1 } }),
    );
    expect(scale.status).toBe(201);
    const { id } = (await json<ActionBody>(scale)).data;
    const drainAction = await api.propose('operator2', proposal('drain_entity', api_(2)));
    expect(drainAction.status).toBe(409);
    expect((await json<ErrorBody>(drainAction)).error.message).toContain(`#${id} scale_segment`);
    // Two drains of different entities of one segment do not conflict.
    await cancelAll();
    expect((await api.propose('operator', proposal('drain_entity', api_(3)))).status).toBe(201);
    expect((await api.propose('operator2', proposal('drain_entity', api_(4)))).status).toBe(201);
  });
});

describe('the systemic breaker', () => {
  /** Every request of these bulk entities failed over the last ten minutes. */
  async function failing(indexes: number[]) {
    const now = Date.now();
    const events: IngestEventInput[] = [];
    for (const i of indexes)
      for (let ts = now - 10 * 60_000; ts < now - 1_000; ts += 10_000)
        events.push({
          id: `fail-${entityName('bulk', i)}-${ts}`,
          ts,
          segment: 'bulk',
          entity: entityName('bulk', i),
          kind: 'request',
          status: 'error',
          errorClass: 'Timeout',
          latencyMs: 900,
          attrs: { entityKind: 'service' },
        });
    expect((await t.ingest(events)).status).toBe(200);
    await drain(t.newWorker({ workerId: `breaker-${now}` }));
  }

  it('refuses per-entity remediation when more than half the segment is unhealthy: "systemic — escalate"', async () => {
    await failing([0, 1]);
    // Two of six unhealthy: below the breaker's minimum, restarts go ahead one by one.
    const one = await api.propose('operator', proposal('drain_entity', entityName('bulk', 0)));
    expect(one.status).toBe(201);
    await cancelAll();
    await failing([2, 3]);
    for (const type of ['restart_entity', 'drain_entity', 'quarantine_entity'] as const) {
      const refused = await api.propose('operator', proposal(type, entityName('bulk', 1)));
      expect(refused.status, type).toBe(409);
      const body = await json<ErrorBody>(refused);
      expect(failedChecks(body)).toContain('systemic_breaker');
      expect(body.error.message).toContain('systemic — escalate');
      expect(body.error.message).toContain('4 of 6');
    }
    // Segment-wide action is what the breaker leaves open.
    const scale = await api.propose(
      'operator',
      proposal('scale_segment', 'bulk', { params: { replicasDelta: -1 } }),
    );
    expect(scale.status).toBe(201);
  });
});
