import { DryRunResultSchema } from '@watchfloor/shared/actions/api';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../../../testing/test-app.ts';
import type { TestDatabase } from '../../../testing/test-database.ts';
import { json, proposal, sendTraffic, type ActionBody } from '../testing/fleet-fixture.ts';
import {
  WORKFLOW_LAYOUT,
  web,
  withWorkflowFleet,
  type WorkflowFleet,
} from '../testing/workflow-fleet.ts';

let db: TestDatabase;
let t: TestApp;
let api: WorkflowFleet['api'];
withWorkflowFleet((fleet) => ({ db, t, api } = fleet));

describe('request hygiene', () => {
  it('refuses a cross-origin approval and a non-JSON proposal, changing nothing', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('drain_entity', web(6))),
    );
    const cross = await t.post(
      `http://localhost/api/v1/actions/${data.id}/approve`,
      {},
      'approver',
      {
        origin: 'http://evil.example',
        host: 'localhost',
      },
    );
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
    await sendTraffic(t, WORKFLOW_LAYOUT, 2);
  });
});
