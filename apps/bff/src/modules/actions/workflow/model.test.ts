import fc from 'fast-check';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_AUDIT_KEY, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { verifyAuditChain } from '../../audit/audit-verify.ts';
import {
  expectedOutcome,
  initialModel,
  MODEL_USER_NAMES,
  type ActionModel,
  type ModelUser,
  type ModelType,
  type Verb,
} from '../testing/action-model.ts';
import { actionsApi } from '../testing/actions-api.ts';
import { expireIn } from '../testing/db-clock-shift.ts';
import { entityName, proposal, sendTraffic } from '../testing/fleet-fixture.ts';
import { sweepActions } from './sweeper.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
let runs = 0;
const executed = new Map<string, number>();
const tally = (name: string) => executed.set(name, (executed.get(name) ?? 0) + 1);
const ENTITIES = 400;

interface Real {
  entity: string;
  id: number | null;
}
type Cmd = fc.AsyncCommand<ActionModel, Real>;

beforeAll(async () => {
  db = await createTestDatabase();
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.caps.maxSegmentOutOfServiceRatio = 1;
  t = await createTestApp(db, { actions: { policy } });
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'model', entities: ENTITIES, kind: 'worker' }], 20);
  await Promise.all(MODEL_USER_NAMES.map((u) => t.cookieFor(u)));
});
afterAll(async () => db?.drop());

async function realState(r: Real): Promise<{ state: string; approvers: string[] }> {
  if (r.id === null) return { state: 'none', approvers: [] };
  const body = (await (await t.get(`/api/v1/actions/${r.id}`, 'manager')).json()) as {
    data: { action: { state: string; approvers: string[] } };
  };
  return body.data.action;
}

async function checkAgainst(
  m: ActionModel,
  r: Real,
  status: number,
  expected: number,
  what: string,
): Promise<void> {
  expect(status, what).toBe(expected);
  const real = await realState(r);
  expect(real.state, what).toBe(m.state);
  expect([...real.approvers].sort(), what).toEqual([...m.approvers].sort());
}

const verbCommand = (verb: Exclude<Verb, 'propose'>, user: ModelUser): Cmd => ({
  check: (m) => m.state !== 'none',
  async run(m, r) {
    tally(`${verb} ${expectedOutcome({ ...m, approvers: [...m.approvers] }, verb, user)}`);
    const response = await api.decide(
      user,
      r.id!,
      verb,
      verb === 'reject' ? { comment: 'model says no' } : {},
    );
    const expected = expectedOutcome(m, verb, user);
    await checkAgainst(m, r, response.status, expected, `${verb} by ${user}`);
  },
  toString: () => `${verb}(${user})`,
});

const proposeCommand = (type: ModelType, user: ModelUser): Cmd => ({
  check: (m) => m.state === 'none',
  async run(m, r) {
    tally('propose');
    const response = await api.propose(user, proposal(type, r.entity));
    if (response.status === 201)
      r.id = ((await response.json()) as { data: { id: number } }).data.id;
    await checkAgainst(
      m,
      r,
      response.status,
      expectedOutcome(m, 'propose', user, type),
      `propose ${type} by ${user}`,
    );
  },
  toString: () => `propose(${type}, ${user})`,
});

/** Time passes beyond the expiry: moved on the action row, since expiry is judged by database time. */
const expireCommand = (): Cmd => ({
  check: (m) => m.state === 'proposed' && !m.overdue,
  async run(m, r) {
    await expireIn(db.pool, r.id!, -1);
    m.overdue = true;
  },
  toString: () => 'expiry passes',
});

const sweepCommand = (): Cmd => ({
  check: (m) => m.state !== 'none',
  async run(m, r) {
    await sweepActions(t.actions);
    if (m.overdue) {
      m.state = 'expired';
      m.overdue = false;
    }
    await checkAgainst(m, r, 200, 200, 'sweep');
  },
  toString: () => 'sweep',
});

const users = fc.constantFrom(...MODEL_USER_NAMES);
const propose = fc
  .tuple(fc.constantFrom<ModelType>('restart_entity', 'drain_entity', 'flush_queue'), users)
  .map(([type, user]) => proposeCommand(type, user));
const commands = [
  propose,
  propose,
  propose,
  ...(['approve', 'reject', 'cancel', 'rollback'] as const).map((verb) =>
    users.map((user) => verbCommand(verb, user)),
  ),
  users.map((user) => verbCommand('approve', user)),
  fc.constant(null).map(expireCommand),
  fc.constant(null).map(sweepCommand),
];

describe('the workflow against an in-memory model', () => {
  it('agrees with the model on every status and state for random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 16, size: 'large' }), async (cmds) => {
        const real: Real = { entity: entityName('model', runs++ % ENTITIES), id: null };
        await fc.asyncModelRun(() => ({ model: initialModel(), real }), cmds);
      }),
      { numRuns: 100 },
    );
    expect(await verifyAuditChain(db.pool, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
    // The sequences must have run many commands, or the agreement above says little.
    expect([...executed.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
  });

  it.each([
    [
      'drain approved then rolled back',
      [
        proposeCommand('drain_entity', 'operator'),
        verbCommand('approve', 'approver'),
        verbCommand('rollback', 'operator2'),
      ],
    ],
    [
      'flush needing two approvers, one repeating',
      [
        proposeCommand('flush_queue', 'polymath'),
        verbCommand('approve', 'polymath'),
        verbCommand('approve', 'admin'),
        verbCommand('approve', 'admin'),
        verbCommand('approve', 'approver2'),
        verbCommand('rollback', 'admin'),
      ],
    ],
    [
      'expiry before approval',
      [
        proposeCommand('drain_entity', 'approver'),
        expireCommand(),
        verbCommand('approve', 'approver2'),
        verbCommand('cancel', 'approver'),
      ],
    ],
    [
      'cancelled by its proposer only',
      [
        proposeCommand('drain_entity', 'operator'),
        verbCommand('cancel', 'operator2'),
        verbCommand('cancel', 'operator'),
        verbCommand('approve', 'admin'),
      ],
    ],
    [
      'rejected with a comment, then nothing else',
      [
        proposeCommand('flush_queue', 'operator'),
        verbCommand('reject', 'operator'),
        verbCommand('reject', 'approver'),
        verbCommand('approve', 'admin'),
      ],
    ],
    [
      'restart auto-approved, nothing to roll back',
      [
        proposeCommand('restart_entity', 'operator'),
        verbCommand('approve', 'approver'),
        verbCommand('rollback', 'operator'),
      ],
    ],
  ] as const)('agrees with the model on a directed sequence: %s', async (_name, sequence) => {
    const real: Real = { entity: entityName('model', runs++ % ENTITIES), id: null };
    await fc.asyncModelRun(() => ({ model: initialModel(), real }), [...sequence]);
  });
});
