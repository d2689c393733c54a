import { ActionInboxSchema } from '@watchfloor/shared/actions/api';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { actionsApi } from './testing/actions-api.ts';
import { expireIn } from './testing/db-clock-shift.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from './testing/fleet-fixture.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
// One segment per proposal, so no proposal trips another's segment blast-radius cap.
const SEGMENTS = ['pay', 'web', 'api', 'cdn', 'ops'] as const;
const LAYOUT = [
  ...SEGMENTS.map((segment) => ({ segment, entities: 4 })),
  { segment: 'etl', entities: 2, kind: 'pipeline' as const },
];
const first = (segment: (typeof SEGMENTS)[number]) => entityName(segment, 0);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  api = actionsApi(t);
  await sendTraffic(t, LAYOUT);
});
afterAll(async () => db?.drop());

async function inboxOf(user: TestUser) {
  const response = await t.get('/api/v1/actions/inbox', user);
  expect(response.status).toBe(200);
  return envelopeSchema(ActionInboxSchema).parse(await response.json()).data;
}

async function propose(user: TestUser, body: unknown): Promise<number> {
  const response = await api.propose(user, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<ActionBody>(response)).data.id;
}

describe('the approver inbox', () => {
  it('counts what awaits each user: approvers see others’ proposals, never their own, and nothing once they decided', async () => {
    const drain = await propose('operator', proposal('drain_entity', first('pay')));
    const ownProposal = await propose('approver', proposal('quarantine_entity', first('web')));

    expect((await inboxOf('approver')).actionIds).toEqual([drain]);
    expect((await inboxOf('approver2')).actionIds.sort()).toEqual([drain, ownProposal].sort());
    // Operators and managers hold no decision permission: nothing waits for them.
    expect(await inboxOf('operator')).toMatchObject({ count: 0, nextExpiresAt: null });
    expect((await inboxOf('manager')).count).toBe(0);

    expect((await api.decide('approver', drain, 'approve', { comment: 'ok' })).status).toBe(200);
    expect((await inboxOf('approver')).count).toBe(0);
    expect((await inboxOf('approver2')).actionIds).toEqual([ownProposal]);
    expect((await api.decide('approver', ownProposal, 'cancel')).status).toBe(200);
    expect((await inboxOf('approver2')).count).toBe(0);
  });

  it('keeps a two-approver action in the inbox of those who have not approved it yet', async () => {
    const flush = await propose('operator', proposal('flush_queue', entityName('etl', 0)));
    expect((await api.decide('approver', flush, 'approve')).status).toBe(200);
    expect((await inboxOf('approver')).actionIds).not.toContain(flush);
    expect((await inboxOf('admin')).actionIds).toContain(flush);
    expect((await api.decide('admin', flush, 'approve')).status).toBe(200);
    expect((await inboxOf('approver2')).actionIds).not.toContain(flush);
  });

  it('leaves out expired proposals and names the soonest expiry by database time', async () => {
    const later = await propose('operator', proposal('drain_entity', first('api')));
    const sooner = await propose('operator2', proposal('drain_entity', first('cdn')));
    const gone = await propose('operator', proposal('drain_entity', first('ops')));
    await expireIn(db.pool, later, 20 * 60_000);
    await expireIn(db.pool, sooner, 5 * 60_000);
    await expireIn(db.pool, gone, -1_000);

    const inbox = await inboxOf('approver');
    expect(inbox.actionIds).toEqual([sooner, later]);
    expect(inbox.count).toBe(2);
    expect(inbox.nextExpiresInMs).toBeGreaterThan(4 * 60_000);
    expect(inbox.nextExpiresInMs).toBeLessThanOrEqual(5 * 60_000);
    const [rows] = await db.pool.query('SELECT expires_at FROM actions WHERE id = ?', [sooner]);
    expect(inbox.nextExpiresAt).toBe(Number((rows as { expires_at: number }[])[0]!.expires_at));
  });
});
