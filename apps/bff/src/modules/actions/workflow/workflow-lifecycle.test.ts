import { ActionListSchema, ProposedActionSchema } from '@watchfloor/shared/actions/api';
import { ActionDetailSchema } from '@watchfloor/shared/actions/detail';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { describe, expect, it } from 'vitest';
import { databaseNow } from '../../../db/db-clock.ts';
import type { TestApp } from '../../../testing/test-app.ts';
import type { TestDatabase } from '../../../testing/test-database.ts';
import { injectFault } from '../../simulator/simulation.repository.ts';
import { entityName, json, proposal, type ActionBody } from '../testing/fleet-fixture.ts';
import { web, withWorkflowFleet, type WorkflowFleet } from '../testing/workflow-fleet.ts';

let db: TestDatabase;
let t: TestApp;
let api: WorkflowFleet['api'];
withWorkflowFleet((fleet) => ({ db, t, api } = fleet));

const entityState = async (slug: string) => {
  const [rows] = await db.pool.query('SELECT state FROM entities WHERE slug = ?', [slug]);
  return (rows as { state: string }[])[0]?.state;
};
const events = async (id: number) => {
  const [rows] = await db.pool.query(
    "SELECT event FROM audit_log WHERE action_id = ? AND event LIKE 'action.%' ORDER BY seq",
    [id],
  );
  return (rows as { event: string }[]).map((r) => r.event);
};

describe('propose, approve, execute, roll back', () => {
  it('drains an entity after one approval, and undrains it on rollback, each step audited', async () => {
    const created = await api.propose('operator', proposal('drain_entity', web(0)));
    expect(created.status).toBe(201);
    const { data } = envelopeSchema(ProposedActionSchema).parse(await created.json());
    expect(data.state).toBe('proposed');
    expect(data.policy?.passed).toBe(true);
    const approved = await api.decide('approver', data.id, 'approve', { comment: 'agreed' });
    expect(approved.status).toBe(200);
    expect((await json<ActionBody>(approved)).data.state).toBe('executed');
    expect(await entityState(web(0))).toBe('drained');
    const rolled = await api.decide('operator', data.id, 'rollback', {});
    expect(rolled.status).toBe(200);
    expect((await json<ActionBody>(rolled)).data.state).toBe('rolled_back');
    expect(await entityState(web(0))).toBe('active');
    expect(await events(data.id)).toEqual([
      'action.proposed',
      'action.approval_recorded',
      'action.approved',
      'action.executing',
      'action.executed',
      'action.rolled_back',
    ]);
  });

  it('auto-approves and executes a restart, which clears the entity’s injected fault', async () => {
    const [rows] = await db.pool.query('SELECT id FROM entities WHERE slug = ?', [web(1)]);
    const entityId = (rows as { id: number }[])[0]!.id;
    await injectFault(db.pool, {
      entityId,
      fault: 'errors',
      errorRate: 0.5,
      startedAt: (await databaseNow(db.pool)) - 60_000,
    });
    const created = await api.propose('operator', proposal('restart_entity', web(1)));
    expect(created.status).toBe(201);
    expect((await json<ActionBody>(created)).data.state).toBe('executed');
    const [faults] = await db.pool.query('SELECT cleared_at FROM sim_faults WHERE entity_id = ?', [
      entityId,
    ]);
    expect((faults as { cleared_at: number | null }[]).every((f) => f.cleared_at !== null)).toBe(
      true,
    );
  });

  it('needs two distinct approvers for an irreversible flush; a second approval by the same person counts once', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('flush_queue', entityName('etl', 0))),
    );
    expect((await api.decide('approver', data.id, 'approve')).status).toBe(200);
    const again = await api.decide('approver', data.id, 'approve');
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain('already approved');
    const detail = await json<{ data: { action: { state: string }; approvalsSoFar: number } }>(
      await t.get(`/api/v1/actions/${data.id}`, 'approver'),
    );
    expect(detail.data).toMatchObject({ action: { state: 'proposed' }, approvalsSoFar: 1 });
    const second = await api.decide('admin', data.id, 'approve');
    expect((await json<ActionBody>(second)).data).toMatchObject({
      state: 'executed',
      approvers: ['approver', 'admin'],
    });
  });

  it('refuses self-approval for every role that may propose, admin included, and records the refused evaluation', async () => {
    const ids: number[] = [];
    for (const [username, target] of [
      ['approver', web(2)],
      ['admin', web(3)],
      ['polymath', web(4)],
      ['operator', web(5)],
    ] as const) {
      const { data } = await json<ActionBody>(
        await api.propose(username, proposal('drain_entity', target)),
      );
      ids.push(data.id);
      const self = await api.decide(username, data.id, 'approve');
      expect(self.status, username).toBe(403);
      if (username !== 'operator')
        expect(JSON.stringify(await self.json())).toContain('you proposed this action');
      expect(await entityState(target)).toBe('active');
      expect((await api.decide(username, data.id, 'cancel')).status).toBe(200);
    }
    // The operator is refused by the route table before any evaluation; the others by policy, on the record.
    const [rows] = await db.pool.query(
      "SELECT COUNT(*) AS n FROM action_evaluations WHERE stage = 'approval' AND passed = 0 AND action_id IN (?)",
      [ids],
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(3);
  });

  it('scales a segment in by draining the replicas it named at proposal, and back out on rollback', async () => {
    const { data } = await json<ActionBody>(
      await api.propose(
        'polymath',
        proposal('scale_segment', 'web', { params: { replicasDelta: -2 } }),
      ),
    );
    expect(data.targets.map((x) => x.entity)).toEqual([web(6), web(7)]);
    expect(
      (await json<ActionBody>(await api.decide('approver', data.id, 'approve'))).data.state,
    ).toBe('executed');
    expect([
      await entityState(web(6)),
      await entityState(web(7)),
      await entityState(web(5)),
    ]).toEqual(['drained', 'drained', 'active']);
    const more = await api.propose('operator', proposal('drain_entity', web(5)));
    expect(more.status).toBe(409);
    expect(JSON.stringify(await more.json())).toContain(
      '3 of 8 entities of web would be out of service',
    );
    expect((await api.decide('operator', data.id, 'rollback')).status).toBe(200);
    expect([await entityState(web(6)), await entityState(web(7))]).toEqual(['active', 'active']);
  });

  it('lets managers read actions but not propose or approve', async () => {
    expect((await api.propose('manager', proposal('drain_entity', web(6)))).status).toBe(403);
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('drain_entity', web(6))),
    );
    expect((await api.decide('manager', data.id, 'approve')).status).toBe(403);
    expect((await t.get(`/api/v1/actions/${data.id}`, 'manager')).status).toBe(200);
    expect((await t.get('/api/v1/actions', 'manager')).status).toBe(200);
    expect((await api.decide('operator', data.id, 'cancel')).status).toBe(200);
  });
});

// After the lifecycle tests on purpose: the list pages through the actions they left behind.
describe('reading actions', () => {
  it('shows preconditions, approvals, expiry and what each user may do, with reasons', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('quarantine_entity', web(3))),
    );
    type Detail = {
      data: {
        preconditions: { code: string; passed: boolean }[];
        expiresInMs: number;
        abilities: Record<string, { allowed: boolean; reasons: string[] }>;
        timeline: { event: string }[];
      };
    };
    const [expiry] = await db.pool.query('SELECT expires_at FROM actions WHERE id = ?', [data.id]);
    const expiresAt = Number((expiry as { expires_at: number }[])[0]!.expires_at);
    const before = await databaseNow(db.pool);
    const asProposer = envelopeSchema(ActionDetailSchema).parse(
      await (await t.get(`/api/v1/actions/${data.id}`, 'operator')).json(),
    ) as Detail;
    const after = await databaseNow(db.pool);
    expect(asProposer.data.preconditions.every((p) => p.passed)).toBe(true);
    expect(asProposer.data.preconditions.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'target_state',
        'data_quality',
        'no_conflict',
        'blast_radius_segment',
      ]),
    );
    // Time to expiry by the database clock as the request read it.
    expect(asProposer.data.expiresInMs).toBeLessThanOrEqual(expiresAt - before);
    expect(asProposer.data.expiresInMs).toBeGreaterThanOrEqual(expiresAt - after);
    expect(asProposer.data.abilities.approve!.reasons.join()).toContain('you proposed this action');
    expect(asProposer.data.abilities.cancel!.allowed).toBe(true);
    expect(asProposer.data.timeline.map((r) => r.event)).toEqual([
      'action.proposed',
      'policy.passed',
    ]);
    const asApprover = await json<Detail>(await t.get(`/api/v1/actions/${data.id}`, 'approver'));
    expect(asApprover.data.abilities.approve!.allowed).toBe(true);
    expect(asApprover.data.abilities.cancel!.reasons).toEqual([
      'only the proposer (operator) may cancel it',
    ]);
    const asManager = await json<Detail>(await t.get(`/api/v1/actions/${data.id}`, 'manager'));
    expect(asManager.data.abilities.approve!.reasons.join()).toContain('may not approve');
    expect((await api.decide('approver', data.id, 'reject', {})).status).toBe(422);
    expect(
      (await api.decide('approver', data.id, 'reject', { comment: 'not the cause' })).status,
    ).toBe(200);
  });

  it('lists actions newest first with filters and keyset pages', async () => {
    const all: number[] = [];
    let cursor: string | undefined;
    do {
      const page = envelopeSchema(ActionListSchema).parse(
        await (
          await t.get(`/api/v1/actions?limit=3${cursor ? `&cursor=${cursor}` : ''}`, 'manager')
        ).json(),
      );
      all.push(...page.data.actions.map((a) => a.id));
      cursor = page.data.nextCursor;
    } while (cursor);
    const [rows] = await db.pool.query('SELECT id FROM actions ORDER BY id DESC');
    expect(all).toEqual((rows as { id: number }[]).map((r) => Number(r.id)));
    const cancelled = await json<{ data: { actions: { state: string }[] } }>(
      await t.get('/api/v1/actions?state=cancelled&type=drain_entity', 'operator'),
    );
    expect(cancelled.data.actions.length).toBeGreaterThan(0);
    expect(cancelled.data.actions.every((a) => a.state === 'cancelled')).toBe(true);
    expect((await t.get('/api/v1/actions?state=bogus', 'operator')).status).toBe(422);
    expect((await t.get('/api/v1/actions/99999999', 'operator')).status).toBe(404);
  });
});
