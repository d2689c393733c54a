import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import { entityName, proposal, sendTraffic } from '../testing/fleet-fixture.ts';
import { sweepActions } from './sweeper.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
let hold: { actionTo: string; reached: () => void; release: Promise<void> } | null = null;
const e = (i: number) => entityName('idem', i);

beforeAll(async () => {
  db = await createTestDatabase();
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.caps.maxSegmentOutOfServiceRatio = 1;
  t = await createTestApp(db, {
    actions: {
      policy,
      hooks: {
        inTransaction: async (point, info) => {
          if (hold && point === 'after-audit' && info.to === hold.actionTo) {
            hold.reached();
            await hold.release;
          }
        },
      },
    },
  });
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'idem', entities: 12 }]);
});
afterAll(async () => db?.drop());

const actionsCount = async () =>
  Number(((await db.pool.query('SELECT COUNT(*) AS n FROM actions'))[0] as { n: number }[])[0]!.n);

describe('Idempotency-Key on POST /api/v1/actions', () => {
  it('replays the first response for the same key and body, creating one action', async () => {
    const before = await actionsCount();
    const first = await api.propose('operator', proposal('drain_entity', e(0)), 'same-key');
    const firstBody = await first.text();
    // Key order and whitespace do not make a different request.
    const reverseKeys = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reverseKeys(v)]),
          )
        : value;
    const reordered = reverseKeys(proposal('drain_entity', e(0)));
    const again = await api.propose('operator', reordered, 'same-key');
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await actionsCount()).toBe(before + 1);
  });

  it('answers 422 for the same key with a different body', async () => {
    await api.propose('operator', proposal('drain_entity', e(1)), 'reused-key');
    const other = await api.propose('operator', proposal('drain_entity', e(2)), 'reused-key');
    expect(other.status).toBe(422);
    expect(JSON.stringify(await other.json())).toContain('different request');
  });

  it('answers 409 to a concurrent request with the same key and stores nothing for it', async () => {
    let reached!: () => void;
    let release!: () => void;
    const atHook = new Promise<void>((resolve) => (reached = resolve));
    hold = {
      actionTo: 'approved',
      reached,
      release: new Promise<void>((resolve) => (release = resolve)),
    };
    const body = proposal('restart_entity', e(3));
    const first = api.propose('operator', body, 'slow-key');
    await atHook;
    const concurrent = await api.propose('operator', body, 'slow-key');
    expect(concurrent.status).toBe(409);
    expect(JSON.stringify(await concurrent.json())).toContain('still in progress');
    release();
    hold = null;
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await api.propose('operator', body, 'slow-key');
    expect(await replay.text()).toBe(await done.text());
    const [responses] = await db.pool.query(
      "SELECT COUNT(*) AS n FROM idempotency_responses r JOIN idempotency_keys k ON k.id = r.key_id WHERE k.idem_key = 'slow-key'",
    );
    expect(responses).toEqual([{ n: 1 }]);
  });

  it('stores and replays a refusal, scopes keys per user, and requires a key', async () => {
    const refused = await api.propose('operator', proposal('pause_pipeline', e(4)), 'refused-key');
    expect(refused.status).toBe(409);
    const replay = await api.propose('operator', proposal('pause_pipeline', e(4)), 'refused-key');
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(
      (await api.propose('operator2', proposal('drain_entity', e(5)), 'refused-key')).status,
    ).toBe(201);
    const missing = await t.post('/api/v1/actions', proposal('drain_entity', e(6)), 'operator');
    expect(missing.status).toBe(422);
    expect(JSON.stringify(await missing.json())).toContain('Idempotency-Key');
  });

  it('keeps keys for at least 24 hours and prunes them after the retention', async () => {
    await api.propose('operator', proposal('quarantine_entity', e(7)), 'old-key');
    await db.pool.query(
      "UPDATE idempotency_keys SET created_at = created_at - ? WHERE idem_key = 'old-key'",
      [25 * 3_600_000],
    );
    await sweepActions(t.actions);
    expect(
      (await api.propose('operator', proposal('quarantine_entity', e(7)), 'old-key')).headers.get(
        'idempotent-replayed',
      ),
    ).toBe('true');
    await db.pool.query(
      "UPDATE idempotency_keys SET created_at = created_at - ? WHERE idem_key = 'old-key'",
      [24 * 3_600_000],
    );
    await sweepActions(t.actions);
    const [rows] = await db.pool.query(
      "SELECT COUNT(*) AS n FROM idempotency_keys WHERE idem_key = 'old-key'",
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('answers a retry after a crash between commit and response with the action it created, not a second one', async () => {
    const body = proposal('quarantine_entity', e(8));
    const first = await api.propose('operator', body, 'crash-key');
    const { data } = (await first.json()) as { data: { id: number } };
    // As if the process died after committing the action but before storing the response.
    await db.pool.query(
      "DELETE r FROM idempotency_responses r JOIN idempotency_keys k ON k.id = r.key_id WHERE k.idem_key = 'crash-key'",
    );
    expect((await api.propose('operator', body, 'crash-key')).status).toBe(409);
    await db.pool.query(
      "UPDATE idempotency_keys SET locked_at = locked_at - 120000 WHERE idem_key = 'crash-key'",
    );
    const before = await actionsCount();
    const retry = await api.propose('operator', body, 'crash-key');
    expect(retry.status, await retry.clone().text()).toBe(201);
    expect(((await retry.json()) as { data: { id: number } }).data.id).toBe(data.id);
    expect(await actionsCount()).toBe(before);
  });
});
