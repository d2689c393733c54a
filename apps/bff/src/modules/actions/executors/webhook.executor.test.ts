import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PoolConnection } from '../../../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { actionsApi } from '../testing/actions-api.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';
import type { ExecutionRequest } from './executor.ts';
import {
  createWebhookExecutor,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
} from './webhook.executor.ts';

const SECRET = 'webhook-secret-for-tests';
type Delivery = { headers: IncomingMessage['headers']; body: string };
let server: Server;
let url: string;
let deliveries: Delivery[];
let script: ((res: ServerResponse) => void)[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body });
      (script.shift() ?? ((r) => r.writeHead(200).end('{"done":true}')))(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/actions`;
});
beforeEach(() => {
  deliveries = [];
  script = [];
});
afterAll(
  async () =>
    new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
);

const request = (operation: 'execute' | 'rollback' = 'execute'): ExecutionRequest => ({
  actionId: 7,
  operation,
  type: 'quarantine_entity',
  target: { kind: 'entity', id: 'api-1' },
  targets: [{ id: 3, slug: 'api-1' }],
  params: {},
  conn: {} as PoolConnection,
  now: Date.now(),
});
const status = (code: number) => (res: ServerResponse) => res.writeHead(code).end(`status ${code}`);

describe('webhook executor', () => {
  it('POSTs the action signed with HMAC-SHA256, with the action id as idempotency key', async () => {
    const outcome = await createWebhookExecutor({ url, secret: SECRET }).run(request());
    expect(outcome).toMatchObject({ ok: true, detail: { status: 200, attempts: 1 } });
    const [delivery] = deliveries;
    expect(delivery!.headers['idempotency-key']).toBe('watchfloor-action-7-execute');
    expect(
      verifyWebhookSignature(
        SECRET,
        String(delivery!.headers[SIGNATURE_HEADER]),
        delivery!.body,
        Date.now(),
      ),
    ).toBe(true);
    expect(
      verifyWebhookSignature(
        'wrong-secret',
        String(delivery!.headers[SIGNATURE_HEADER]),
        delivery!.body,
        Date.now(),
      ),
    ).toBe(false);
    expect(
      verifyWebhookSignature(
        SECRET,
        String(delivery!.headers[SIGNATURE_HEADER]),
        delivery!.body.replace('api-1', 'api-2'),
        Date.now(),
      ),
    ).toBe(false);
    expect(JSON.parse(delivery!.body)).toEqual({
      actionId: 7,
      operation: 'execute',
      params: {},
      target: { id: 'api-1', kind: 'entity' },
      targets: ['api-1'],
      type: 'quarantine_entity',
    });
  });

  it('retries 5xx and 429 with the same idempotency key, within a bound', async () => {
    script = [status(503), status(429)];
    const outcome = await createWebhookExecutor({ url, secret: SECRET, backoffMs: 10 }).run(
      request('rollback'),
    );
    expect(outcome).toMatchObject({ ok: true, detail: { attempts: 3 } });
    expect(new Set(deliveries.map((d) => d.headers['idempotency-key']))).toEqual(
      new Set(['watchfloor-action-7-rollback']),
    );
    script = [status(500), status(500), status(500), status(500)];
    const failed = await createWebhookExecutor({
      url,
      secret: SECRET,
      backoffMs: 10,
      maxAttempts: 3,
    }).run(request());
    expect(failed).toEqual({
      ok: false,
      reason: 'webhook failed after 3 attempt(s): HTTP 500: status 500',
    });
  });

  it('does not retry a refusal, and gives up on a receiver that does not answer in time', async () => {
    script = [status(400)];
    expect(
      await createWebhookExecutor({ url, secret: SECRET, backoffMs: 10 }).run(request()),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('refused the action (HTTP 400') });
    expect(deliveries).toHaveLength(1);
    script = [() => undefined, () => undefined];
    const silent = await createWebhookExecutor({
      url,
      secret: SECRET,
      timeoutMs: 150,
      backoffMs: 10,
      maxAttempts: 2,
    }).run(request());
    expect(silent).toEqual({
      ok: false,
      reason: 'webhook failed after 2 attempt(s): no answer within 150 ms',
    });
  });
});

describe('webhook executor behind the workflow', () => {
  let db: TestDatabase;
  let t: TestApp;
  let api: ReturnType<typeof actionsApi>;
  beforeAll(async () => {
    db = await createTestDatabase();
    const policy = structuredClone(DEFAULT_ACTION_POLICY);
    policy.caps.maxSegmentOutOfServiceRatio = 1;
    // Configured as a server is (WATCHFLOOR_ACTION_WEBHOOK_*): only the listed type goes to the webhook.
    t = await createTestApp(db, {
      actions: {
        policy,
        webhook: {
          url,
          secret: SECRET,
          backoffMs: 10,
          maxAttempts: 2,
          types: ['quarantine_entity'],
        },
      },
    });
    api = actionsApi(t);
    await sendTraffic(t, [{ segment: 'hook', entities: 4 }]);
  });
  afterAll(async () => db?.drop());

  it('records executed with what the receiver answered, and failed with the reason when it refuses', async () => {
    const ok = (
      await json<ActionBody>(
        await api.propose('operator', proposal('quarantine_entity', entityName('hook', 0))),
      )
    ).data.id;
    const approved = await json<ActionBody & { data: { outcome: { status: number } } }>(
      await api.decide('approver', ok, 'approve'),
    );
    expect(approved.data).toMatchObject({ state: 'executed', outcome: { status: 200 } });
    script = [status(422)];
    const bad = (
      await json<ActionBody>(
        await api.propose('operator', proposal('quarantine_entity', entityName('hook', 1))),
      )
    ).data.id;
    const failed = await json<ActionBody>(await api.decide('approver', bad, 'approve'));
    expect(failed.data.state).toBe('failed');
    expect(failed.data.failureReason).toContain('webhook refused the action (HTTP 422');
  });

  it('leaves the types it does not list to the simulated fleet', async () => {
    const id = (
      await json<ActionBody>(
        await api.propose('operator', proposal('drain_entity', entityName('hook', 2))),
      )
    ).data.id;
    const executed = await json<ActionBody & { data: { outcome: { executor: string } } }>(
      await api.decide('approver', id, 'approve'),
    );
    expect(executed.data).toMatchObject({
      state: 'executed',
      outcome: { executor: 'simulated-fleet' },
    });
    expect(deliveries).toEqual([]);
  });
});
