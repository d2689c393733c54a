import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_AUDIT_KEY, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { verifyAuditChain } from '../../audit/audit-verify.ts';
import { actionsApi } from '../testing/actions-api.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';
import { sweepActions } from './sweeper.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const bffRoot = path.resolve(here, '../../../..');
const child = path.resolve(here, '../testing/transition-child.ts');

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
const e = (i: number) => entityName('kill', i);

beforeAll(async () => {
  db = await createTestDatabase();
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.caps.maxSegmentOutOfServiceRatio = 1;
  t = await createTestApp(db, { actions: { policy, executeOnApproval: false } });
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'kill', entities: 12 }]);
});
afterAll(async () => db?.drop());

function killMidTransition(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // node itself (not the tsx wrapper) so that SIGKILL hits the process holding the connection.
    const policy = Buffer.from(JSON.stringify(t.policy.current().policy)).toString('base64');
    const proc = spawn(process.execPath, ['--import', 'tsx', child, db.url, ...args, policy], {
      cwd: bffRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('paused-in-transaction')) proc.kill('SIGKILL');
    });
    proc.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error('the child finished without reaching its pause point')),
    );
  });
}

const stateOf = async (id: number) =>
  (
    (await db.pool.query('SELECT state FROM actions WHERE id = ?', [id]))[0] as { state: string }[]
  )[0]!.state;
const entityState = async (slug: string) =>
  (
    (await db.pool.query('SELECT state FROM entities WHERE slug = ?', [slug]))[0] as {
      state: string;
    }[]
  )[0]!.state;
const transitions = async (id: number) =>
  (
    (
      await db.pool.query(
        "SELECT event FROM audit_log WHERE action_id = ? AND event LIKE 'action.%' ORDER BY seq",
        [id],
      )
    )[0] as { event: string }[]
  ).map((r) => r.event);

/** Every action's state is the target of its last recorded transition: no state change lacks its audit record. */
async function expectStatesMatchAudit(): Promise<void> {
  const [rows] = await db.pool.query(
    `SELECT a.id, a.state, (SELECT l.event FROM audit_log l WHERE l.action_id = a.id AND l.event IN
       ('action.proposed','action.approved','action.rejected','action.expired','action.cancelled','action.executing','action.executed','action.failed','action.rolled_back')
       ORDER BY l.seq DESC LIMIT 1) AS last_event FROM actions a`,
  );
  for (const row of rows as { id: number; state: string; last_event: string }[])
    expect(row.last_event, `action ${row.id}`).toBe(`action.${row.state}`);
  expect(await verifyAuditChain(db.pool, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
}

describe('BFF killed with SIGKILL inside a transition', () => {
  it.each(['after-state-change', 'after-audit'])(
    'leaves an approval killed %s unmade and unaudited; the next approval succeeds',
    async (point) => {
      const { data } = await json<ActionBody>(
        await api.propose('operator', proposal('drain_entity', e(point === 'after-audit' ? 1 : 0))),
      );
      const before = await transitions(data.id);
      await killMidTransition(['approve', String(data.id), 'approver', point, 'approved']);
      expect(await stateOf(data.id)).toBe('proposed');
      expect(await transitions(data.id)).toEqual(before);
      expect(
        (
          (
            await db.pool.query('SELECT COUNT(*) AS n FROM action_approvals WHERE action_id = ?', [
              data.id,
            ])
          )[0] as { n: number }[]
        )[0]!.n,
      ).toBe(0);
      await expectStatesMatchAudit();
      expect(
        (await json<ActionBody>(await api.decide('approver', data.id, 'approve'))).data.state,
      ).toBe('approved');
      await expectStatesMatchAudit();
    },
  );

  it('rolls back an execution killed after its effect was written; the sweeper then executes it exactly once', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('drain_entity', e(2))),
    );
    await api.decide('approver', data.id, 'approve');
    await killMidTransition([
      'execute',
      String(data.id),
      'system',
      'after-state-change',
      'executed',
    ]);
    expect(await stateOf(data.id)).toBe('executing');
    expect(await entityState(e(2))).toBe('active');
    expect(await transitions(data.id)).toEqual([
      'action.proposed',
      'action.approval_recorded',
      'action.approved',
      'action.executing',
    ]);
    await expectStatesMatchAudit();
    const calls = t.executorCalls();
    expect(
      (await sweepActions(t.actions, { executingIdleMs: 0, approvedIdleMs: 3_600_000 })).resumed,
    ).toBe(1);
    expect(t.executorCalls() - calls).toBe(1);
    expect(await stateOf(data.id)).toBe('executed');
    expect(await entityState(e(2))).toBe('drained');
    await expectStatesMatchAudit();
  });

  it('leaves an approved action approved when killed while starting its execution', async () => {
    const { data } = await json<ActionBody>(
      await api.propose('operator', proposal('quarantine_entity', e(3))),
    );
    await api.decide('approver', data.id, 'approve');
    await killMidTransition(['execute', String(data.id), 'system', 'after-audit', 'executing']);
    expect(await stateOf(data.id)).toBe('approved');
    await expectStatesMatchAudit();
    expect((await sweepActions(t.actions, { approvedIdleMs: 0 })).executed).toBeGreaterThanOrEqual(
      1,
    );
    expect(await stateOf(data.id)).toBe('executed');
    await expectStatesMatchAudit();
  });
});
