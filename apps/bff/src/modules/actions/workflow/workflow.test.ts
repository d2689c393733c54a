import {
  ActionListSchema,
  DryRunResultSchema,
  ProposedActionSchema,
} from '@watchfloor/shared/actions/api';
import { ActionDetailSchema } from '@watchfloor/shared/actions/detail';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseNow } from '../../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { injectFault } from '../../simulator/simulation.repository.ts';
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
  { segment: 'web', entities: 8 },
  { segment: 'etl', entities: 4, kind: 'pipeline' as const },
];
const web = (i: number) => entityName('web', i);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  api = actionsApi(t);
  await sendTraffic(t, LAYOUT);
});
beforeEach(async () => sendTraffic(t, LAYOUT, 2));
afterAll(async () => db?.drop());

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

describe('request hygiene', () => {
  it('refuses a cross-origin approval and a non-JSON proposal, changing nothing', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('drain_entity', web(6))),
    );
    const cross = await t.app.request(`http://localhost/api/v1/actions/${data.id}/approve`, {
      method: 'POST',
      headers: {
        cookie: await t.cookieFor('approver'),
        'content-type': 'application/json',
        origin: 'http://evil.example',
        host: 'localhost',
      },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    const plain = await t.app.request('/api/v1/actions', {
      method: 'POST',
      headers: {
        cookie: await t.cookieFor('operator'),
        'content-type': 'text/plain',
        'idempotency-key': 'k',
      },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(
      (
        await json<{ data: { action: { state: string } } }>(
          await t.get(`/api/v1/actions/${data.id}`, 'operator'),
        )
      ).data.action.state,
    ).toBe('proposed');
    expect((await api.decide('operator', data.id, 'cancel')).status).toBe(200);
  });
});

describe('validation and preconditions', () => {
  it('refuses a short rationale, bad params and unknown targets with 422, writing nothing', async () => {
    const [before] = await db.pool.query(
      'SELECT (SELECT COUNT(*) FROM actions) a, (SELECT COUNT(*) FROM audit_log) l',
    );
    expect(
      (await api.propose('operator', proposal('drain_entity', web(7), { rationale: 'too short' })))
        .status,
    ).toBe(422);
    expect(
      (
        await api.propose(
          'operator',
          proposal('scale_segment', 'web', { params: { replicasDelta: 0 } }),
        )
      ).status,
    ).toBe(422);
    expect((await api.propose('operator', proposal('drain_entity', 'no-such-entity'))).status).toBe(
      422,
    );
    expect(
      (
        await api.propose('operator', {
          ...proposal('drain_entity', web(7)),
          target: { kind: 'segment', id: 'web' },
        })
      ).status,
    ).toBe(422);
    const [after] = await db.pool.query(
      'SELECT (SELECT COUNT(*) FROM actions) a, (SELECT COUNT(*) FROM audit_log) l',
    );
    expect(after).toEqual(before);
  });

  it('answers a dry run with the evaluation, exact targets and blast radius, creating nothing', async () => {
    const [before] = await db.pool.query(
      'SELECT (SELECT COUNT(*) FROM actions) a, (SELECT COUNT(*) FROM audit_log) l, (SELECT COUNT(*) FROM action_evaluations) e',
    );
    const response = await api.propose(
      'operator',
      proposal('scale_segment', 'web', { params: { replicasDelta: -2 }, dryRun: true }),
    );
    expect(response.status).toBe(200);
    const { data } = envelopeSchema(DryRunResultSchema).parse(await response.json());
    expect(data.dryRun).toBe(true);
    expect(data.targets.map((x) => x.entity)).toEqual([web(7), web(6)]);
    expect(data.blastRadius).toMatchObject({ outOfService: 2, segmentEntities: 8 });
    const [after] = await db.pool.query(
      'SELECT (SELECT COUNT(*) FROM actions) a, (SELECT COUNT(*) FROM audit_log) l, (SELECT COUNT(*) FROM action_evaluations) e',
    );
    expect(after).toEqual(before);
  });

  it('refuses a second action on a target with one in flight, naming the conflict', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('drain_entity', web(7))),
    );
    const second = await api.propose('operator2', proposal('quarantine_entity', web(7)));
    expect(second.status).toBe(409);
    expect(JSON.stringify(await second.json())).toContain(`#${data.id} drain_entity (proposed)`);
    expect((await api.decide('operator', data.id, 'cancel')).status).toBe(200);
  });

  it('blocks proposals when the target’s data is unsafe, but not for a partial newest bucket', async () => {
    await t.ingest([
      {
        id: `partial-${Date.now()}`,
        ts: Date.now() - 1_000,
        segment: 'web',
        entity: web(7),
        kind: 'request',
        status: 'ok',
        latencyMs: 5,
      },
    ]);
    const partial = await api.propose(
      'operator',
      proposal('drain_entity', web(7), { dryRun: true }),
    );
    expect(
      (await json<{ data: { policy: { passed: boolean } } }>(partial)).data.policy.passed,
    ).toBe(true);
    await db.pool.query('UPDATE rollup_dirty SET created_at = created_at - 600000');
    const unsafe = await api.propose('operator', proposal('drain_entity', web(7)));
    expect(unsafe.status).toBe(409);
    expect(JSON.stringify(await unsafe.json())).toContain("the target's data is unsafe");
    await sendTraffic(t, LAYOUT, 2);
  });
});

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
