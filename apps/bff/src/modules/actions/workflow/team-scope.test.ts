import { ACTION_TYPES, type ActionType } from '@watchfloor/shared/actions/catalogue';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
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

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;

// team-payments owns pay and payq; team-checkout owns shop and shopq.
const LAYOUT = [
  { segment: 'pay', entities: 16 },
  { segment: 'payq', entities: 12, kind: 'pipeline' as const },
  { segment: 'shop', entities: 16 },
  { segment: 'shopq', entities: 12, kind: 'pipeline' as const },
];
const OWNERS = {
  pay: 'team-payments',
  payq: 'team-payments',
  shop: 'team-checkout',
  shopq: 'team-checkout',
};

/** A target of `type` in the service segment or its pipeline twin; each use takes the next entity. */
const used = new Map<string, number>();
function targetOf(type: ActionType, service: 'pay' | 'shop'): string {
  if (type === 'scale_segment') return service;
  const segment = type === 'pause_pipeline' || type === 'flush_queue' ? `${service}q` : service;
  const next = used.get(segment) ?? 0;
  used.set(segment, next + 1);
  return entityName(segment, next);
}
const bodyFor = (type: ActionType, service: 'pay' | 'shop') =>
  proposal(type, targetOf(type, service), {
    params: type === 'scale_segment' ? { replicasDelta: -1 } : {},
  });

const put = async (path: string, body: unknown, user: TestUser = 'admin') =>
  t.app.request(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: await t.cookieFor(user) },
    body: JSON.stringify(body),
  });

async function proposed(user: TestUser, type: ActionType, service: 'pay' | 'shop') {
  const response = await api.propose(user, bodyFor(type, service));
  expect(response.status, `${user} proposing ${type} on ${service}`).toBe(201);
  return (await json<ActionBody>(response)).data;
}

async function expectTeamRefusal(response: Response, team: string) {
  expect(response.status).toBe(403);
  const body = await json<{ error: { code: string; message: string } }>(response);
  expect(body.error.code).toBe('forbidden');
  expect(body.error.message).toContain(team);
}

beforeAll(async () => {
  db = await createTestDatabase();
  // Every type needs a person's approval here, so each can be decided (or refused a decision).
  t = await createTestApp(db, {
    actions: { policy: { ...DEFAULT_ACTION_POLICY, autoApproveLowRiskReversible: false } },
  });
  api = actionsApi(t);
  await sendTraffic(t, LAYOUT);
  for (const [segment, team] of Object.entries(OWNERS))
    expect((await put(`/api/v1/segments/${segment}/owner`, { team })).status).toBe(200);
});
afterAll(async () => db?.drop());

describe('segments owned by teams', () => {
  it.each(ACTION_TYPES)(
    'refuses a %s proposal out of the team with a 403 naming the owning team',
    async (type) => {
      const refused = await api.propose('payments-operator', bodyFor(type, 'shop'));
      await expectTeamRefusal(refused, 'team-checkout');
      const own = await proposed('payments-operator', type, 'pay');
      expect((await api.decide('payments-operator', own.id, 'cancel')).status).toBe(200);
    },
  );

  it.each(ACTION_TYPES)(
    'refuses approving and rejecting a %s out of the team; the team approves its own',
    async (type) => {
      const theirs = await proposed('operator', type, 'shop');
      await expectTeamRefusal(
        await api.decide('payments-approver', theirs.id, 'approve', { comment: 'ok' }),
        'team-checkout',
      );
      await expectTeamRefusal(
        await api.decide('payments-approver', theirs.id, 'reject', { comment: 'no' }),
        'team-checkout',
      );
      // The refusals decided nothing: the action still waits for its approver.
      const detail = await t.get(`/api/v1/actions/${theirs.id}`, 'payments-approver');
      const { data } = await json<{
        data: {
          action: { state: string };
          abilities: Record<string, { allowed: boolean; reasons: string[] }>;
        };
      }>(detail);
      expect(data.action.state).toBe('proposed');
      expect(data.abilities.approve!.allowed).toBe(false);
      expect(data.abilities.approve!.reasons.join(' ')).toContain('team-checkout');
      expect(data.abilities.reject!.reasons.join(' ')).toContain('team-checkout');
      expect((await api.decide('operator', theirs.id, 'cancel')).status).toBe(200);

      const ours = await proposed('operator', type, 'pay');
      const approved = await api.decide('payments-approver', ours.id, 'approve', {
        comment: 'ours',
      });
      expect(approved.status).toBe(200);
      expect((await json<ActionBody>(approved)).data.approvers).toContain('payments-approver');
    },
  );

  it('counts in a team-bound approver’s inbox only what their team may decide', async () => {
    const theirs = await proposed('operator', 'drain_entity', 'shop');
    const ours = await proposed('operator', 'drain_entity', 'pay');
    const inbox = async (user: TestUser) =>
      (await json<{ data: { actionIds: number[] } }>(await t.get('/api/v1/actions/inbox', user)))
        .data.actionIds;
    expect(await inbox('payments-approver')).toContain(ours.id);
    expect(await inbox('payments-approver')).not.toContain(theirs.id);
    expect(await inbox('approver')).toEqual(expect.arrayContaining([ours.id, theirs.id]));
    for (const { id } of [theirs, ours])
      expect((await api.decide('operator', id, 'cancel')).status).toBe(200);
  });

  it('refuses rolling back another team’s action', async () => {
    const drain = await proposed('operator', 'drain_entity', 'shop');
    expect((await api.decide('approver', drain.id, 'approve', { comment: 'go' })).status).toBe(200);
    await expectTeamRefusal(
      await api.decide('payments-operator', drain.id, 'rollback', { comment: 'undo' }),
      'team-checkout',
    );
    expect((await api.decide('operator', drain.id, 'rollback', { comment: 'undo' })).status).toBe(
      200,
    );
  });

  it('lets anyone act where the policy scopes a type to any team', async () => {
    const policy = structuredClone(t.policy.current().policy);
    policy.types.drain_entity!.scope = 'any';
    t.policy.replace(policy);
    try {
      const drain = await proposed('payments-operator', 'drain_entity', 'shop');
      expect((await api.decide('operator', drain.id, 'cancel')).status).toBe(403);
      expect((await api.decide('payments-operator', drain.id, 'cancel')).status).toBe(200);
    } finally {
      policy.types.drain_entity!.scope = 'owning_team';
      t.policy.replace(policy);
    }
  });

  it('keeps a segment without an owner to fleet-wide users, and audits owner changes', async () => {
    expect((await put('/api/v1/segments/shop/owner', { team: null })).status).toBe(200);
    await expectTeamRefusal(
      await api.propose('payments-operator', bodyFor('drain_entity', 'shop')),
      'fleet-wide',
    );
    expect((await put('/api/v1/segments/shop/owner', { team: 'team-checkout' })).status).toBe(200);
    const [rows] = await db.pool.query(
      "SELECT payload FROM audit_log WHERE event = 'segment.owner_changed' AND subject = 'segment:shop' ORDER BY seq",
    );
    expect((rows as { payload: string }[]).map((r) => JSON.parse(r.payload))).toEqual([
      { before: null, after: 'team-checkout' },
      { before: 'team-checkout', after: null },
      { before: null, after: 'team-checkout' },
    ]);
  });

  it('moves a user between teams, audited, from their next request', async () => {
    const moved = await put('/api/v1/users/payments-operator/teams', {
      teams: ['team-checkout'],
    });
    expect(moved.status).toBe(200);
    try {
      await proposed('payments-operator', 'drain_entity', 'shop');
      await expectTeamRefusal(
        await api.propose('payments-operator', bodyFor('drain_entity', 'pay')),
        'team-payments',
      );
      const me = await json<{ data: { teams: string[] } }>(
        await t.get('/api/v1/me', 'payments-operator'),
      );
      expect(me.data.teams).toEqual(['team-checkout']);
    } finally {
      await put('/api/v1/users/payments-operator/teams', { teams: ['team-payments'] });
    }
  });

  it('refuses team changes from non-admins and names invalid fields', async () => {
    expect((await put('/api/v1/segments/pay/owner', { team: 'x' }, 'operator')).status).toBe(403);
    const invalid = await put('/api/v1/segments/pay/owner', { team: 'no spaces' });
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(await invalid.json())).toContain('team');
    expect((await put('/api/v1/segments/nowhere/owner', { team: 'team-x' })).status).toBe(404);
    expect((await put('/api/v1/users/nobody/teams', { teams: ['team-x'] })).status).toBe(404);
  });
});
