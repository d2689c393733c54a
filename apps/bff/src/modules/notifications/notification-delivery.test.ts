import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { NotificationBodySchema } from '@watchfloor/shared/notifications';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { actionsApi } from '../actions/testing/actions-api.ts';
import { entityName, json, proposal, sendTraffic } from '../actions/testing/fleet-fixture.ts';
import {
  deliverDueNotifications,
  MAX_ATTEMPTS,
  RETENTION_MS,
  startNotifier,
  type NotifierConfig,
} from './notification-delivery.ts';
import { claimNotification, pruneSettledNotifications } from './notification-outbox.repository.ts';
import {
  NOTIFICATION_SIGNATURE_HEADER,
  NOTIFICATION_TIMESTAMP_HEADER,
  verifyNotification,
} from './notification-signature.ts';
import { startReceiver, type Receiver } from './testing/notification-receiver.ts';
import { makeDue, outboxOf } from './testing/outbox-queries.ts';

const SECRET = 'notify-secret-0123456789';
const POLICY = structuredClone(DEFAULT_ACTION_POLICY);
POLICY.caps.maxSegmentOutOfServiceRatio = 1;

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
let receiver: Receiver;
let config: NotifierConfig;
let next = 0;
const fresh = () => entityName('ntf', next++);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db, { actions: { policy: POLICY } });
  api = actionsApi(t);
  receiver = await startReceiver();
  config = { urls: [receiver.url], secret: SECRET, publicUrl: 'https://watchfloor.example/' };
  await sendTraffic(t, [{ segment: 'ntf', entities: 16 }]);
});
afterAll(async () => {
  await receiver?.close();
  await db?.drop();
});

/** Proposes a drain (it waits for one approver) and returns the action id. */
async function proposeDrain(): Promise<number> {
  const response = await api.propose('operator', proposal('drain_entity', fresh()));
  expect(response.status).toBe(201);
  return (await json<{ data: { id: number } }>(response)).data.id;
}

const deliver = (overrides: Partial<NotifierConfig> = {}) =>
  deliverDueNotifications(db.pool, { ...config, ...overrides });

describe('delivery from the outbox', () => {
  it('delivers one logical notification (same id) when the receiver fails the first two attempts', async () => {
    const actionId = await proposeDrain();
    const [row] = await outboxOf(db.pool, actionId);
    expect(row).toMatchObject({ kind: 'proposed', state: 'pending', attempts: 0 });
    receiver.failFirst(row!.id, 2);

    await deliver();
    let [after] = await outboxOf(db.pool, actionId);
    expect(after).toMatchObject({ state: 'pending', attempts: 1 });
    expect(after!.lastError).toContain('HTTP 500');
    // Backed off by the database clock: another pass right away sends nothing.
    expect(after!.nextAttemptAt).toBeGreaterThan(after!.dbNow);
    await deliver();
    expect(receiver.deliveriesOf(row!.id)).toHaveLength(1);

    await makeDue(db.pool, row!.id);
    await deliver();
    await makeDue(db.pool, row!.id);
    await deliver();
    await makeDue(db.pool, row!.id);
    await deliver();

    const deliveries = receiver.deliveriesOf(row!.id);
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    const bodies = deliveries.map((d) => NotificationBodySchema.parse(JSON.parse(d.body)));
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set([row!.id]));
    expect(bodies[2]).toMatchObject({
      type: 'action.proposed',
      action: { id: actionId, type: 'drain_entity', state: 'proposed' },
      link: `https://watchfloor.example/actions/${actionId}`,
    });
    expect(bodies[2]!.text).toMatch(
      /^Action #\d+ \(drain_entity on entity ntf-e\d+\) .*needs approval\.$/,
    );
    [after] = await outboxOf(db.pool, actionId);
    expect(after).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
  });

  it('signs each delivery so the secret verifies it and another secret or an altered body does not', async () => {
    const actionId = await proposeDrain();
    await deliver();
    const [row] = await outboxOf(db.pool, actionId);
    const [delivery] = receiver.deliveriesOf(row!.id);
    const signature = String(delivery!.headers[NOTIFICATION_SIGNATURE_HEADER]);
    const timestamp = Number(delivery!.headers[NOTIFICATION_TIMESTAMP_HEADER]);
    expect(signature).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64}$`));
    expect(verifyNotification(SECRET, signature, delivery!.body, timestamp)).toBe(true);
    expect(verifyNotification('another-secret-0123456', signature, delivery!.body, timestamp)).toBe(
      false,
    );
    expect(
      verifyNotification(
        SECRET,
        signature,
        delivery!.body.replace('proposed', 'approved'),
        timestamp,
      ),
    ).toBe(false);
  });

  it('loses nothing when the process dies between the commit and the send, or after claiming', async () => {
    const actionId = await proposeDrain();
    // Committed with the proposal; no loop ran (a killed BFF). A new loop instance delivers it.
    const [row] = await outboxOf(db.pool, actionId);
    expect(row!.state).toBe('pending');
    await deliverDueNotifications(db.pool, { ...config });
    expect(receiver.deliveriesOf(row!.id)).toHaveLength(1);

    // A process that claimed the approval's row and died before sending: the row waits for the
    // claim to lapse (database time), then another process sends it.
    expect((await api.decide('approver', actionId, 'approve')).status).toBe(200);
    const approved = (await outboxOf(db.pool, actionId)).find((r) => r.kind === 'approved')!;
    expect(await claimNotification(db.pool, approved.id, 'dead-process', 60_000)).not.toBeNull();
    await deliver();
    expect(receiver.deliveriesOf(approved.id)).toHaveLength(0);
    await makeDue(db.pool, approved.id);
    await deliver();
    expect(receiver.deliveriesOf(approved.id)).toHaveLength(1);
    expect((await outboxOf(db.pool, actionId)).find((r) => r.kind === 'approved')!.state).toBe(
      'delivered',
    );
  });

  it('sends each row once when two delivery loops run at the same time', async () => {
    const ids = [await proposeDrain(), await proposeDrain(), await proposeDrain()];
    const rows = (await Promise.all(ids.map((id) => outboxOf(db.pool, id)))).flat();
    expect(rows).toHaveLength(3);
    const passes = await Promise.all([deliver(), deliver(), deliver()]);
    expect(passes.reduce((sum, p) => sum + p.delivered, 0)).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(receiver.deliveriesOf(row.id), row.id).toHaveLength(1);
  });

  it('retries only the URLs that have not answered 2xx yet', async () => {
    const second = await startReceiver();
    try {
      const actionId = await proposeDrain();
      const [row] = await outboxOf(db.pool, actionId);
      second.failFirst(row!.id, 1);
      const both = { urls: [receiver.url, second.url] };
      await deliver(both);
      expect((await outboxOf(db.pool, actionId))[0]).toMatchObject({
        state: 'pending',
        deliveredTo: JSON.stringify([receiver.url]),
      });
      await makeDue(db.pool, row!.id);
      await deliver(both);
      expect(receiver.deliveriesOf(row!.id)).toHaveLength(1);
      expect(second.deliveriesOf(row!.id).map((d) => d.status)).toEqual([500, 200]);
      expect((await outboxOf(db.pool, actionId))[0]!.state).toBe('delivered');
    } finally {
      await second.close();
    }
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and shows the row to admins as failed`, async () => {
    const actionId = await proposeDrain();
    const [row] = await outboxOf(db.pool, actionId);
    receiver.failFirst(row!.id, MAX_ATTEMPTS);
    await db.pool.query('UPDATE notification_outbox SET attempts = ? WHERE id = ?', [
      MAX_ATTEMPTS - 1,
      row!.id,
    ]);
    await deliver();
    expect((await outboxOf(db.pool, actionId))[0]).toMatchObject({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
    });
    await makeDue(db.pool, row!.id);
    await deliver();
    expect(receiver.deliveriesOf(row!.id)).toHaveLength(1);

    const listed = await t.get('/api/v1/notifications?state=failed', 'admin');
    expect(listed.status).toBe(200);
    const { data } = await json<{
      data: { notifications: { id: string; state: string; lastError: string | null }[] };
    }>(listed);
    expect(data.notifications.find((n) => n.id === row!.id)).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('HTTP 500'),
    });
    expect((await t.get('/api/v1/notifications?state=failed', 'approver')).status).toBe(403);
    expect((await t.get('/api/v1/notifications?state=lost', 'admin')).status).toBe(422);
  });

  it('runs passes on a timer once started, as the server starts it, until stopped', async () => {
    const stop = startNotifier(db.pool, config, 20);
    try {
      const actionId = await proposeDrain();
      const [row] = await outboxOf(db.pool, actionId);
      await vi.waitFor(() => expect(receiver.deliveriesOf(row!.id)).toHaveLength(1), {
        timeout: 5_000,
      });
    } finally {
      await stop();
    }
  });

  it('prunes settled rows past the retention by database time, never pending ones', async () => {
    const settled = await proposeDrain();
    await deliver();
    const pending = await proposeDrain();
    await db.pool.query(
      `UPDATE notification_outbox SET created_at = ${DB_NOW_MS} - ? WHERE action_id IN (?, ?)`,
      [RETENTION_MS + 60_000, settled, pending],
    );
    expect(await pruneSettledNotifications(db.pool, RETENTION_MS)).toBe(1);
    expect(await outboxOf(db.pool, settled)).toEqual([]);
    expect((await outboxOf(db.pool, pending)).map((r) => r.state)).toEqual(['pending']);
    await deliver();
  });

  // Last: with no URL configured a pass closes every due row.
  it('closes due rows as unconfigured when no URL is set, and never sends them later', async () => {
    const actionId = await proposeDrain();
    const pass = await deliver({ urls: [] });
    expect(pass.unconfigured).toBeGreaterThanOrEqual(1);
    const [row] = await outboxOf(db.pool, actionId);
    expect(row!.state).toBe('unconfigured');
    await deliver();
    expect(receiver.deliveriesOf(row!.id)).toHaveLength(0);
  });
});
