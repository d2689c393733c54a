import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureRetries } from '../../../db/retry-transaction.ts';
import { capturedLogger } from '../../../testing/captured-logger.ts';
import { refuseCommits, type Refusals } from '../../../testing/refuse-commits.ts';
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

/**
 * What a Galera certification conflict does to the approval workflow, emulated on one server: the
 * transaction's COMMIT is refused with 1213 and nothing of it is applied. The workflow must run it
 * again as a whole and end exactly as if the first commit had gone through.
 */
let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
let refusals: Refusals | undefined;
const log = capturedLogger();
// One segment per proposal, so no proposal trips another's segment blast-radius cap.
const SEGMENTS = ['gal-a', 'gal-b', 'gal-c'] as const;
const e = (i: number) => entityName(SEGMENTS[i]!, 0);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  configureRetries(db.pool, { logger: log.logger, conflictDelayMs: 1 });
  api = actionsApi(t);
  await sendTraffic(
    t,
    SEGMENTS.map((segment) => ({ segment, entities: 4 })),
  );
});
afterEach(() => {
  refusals?.restore();
  refusals = undefined;
  log.lines.length = 0;
});
afterAll(async () => db?.drop());

const count = async (sql: string, values: unknown[]) =>
  Number(((await db.pool.query(sql, values))[0] as { n: number }[])[0]!.n);

describe('an approval whose first COMMIT is refused (1213)', () => {
  it('is recorded once, audited once and executed once, and the chain verifies', async () => {
    const proposed = await api.propose('operator', proposal('drain_entity', e(0)));
    expect(proposed.status).toBe(201);
    const id = (await json<ActionBody>(proposed)).data.id;
    const executedBefore = t.executorCalls();
    refusals = refuseCommits(db.pool, { errno: 1213, when: /action\.approval_recorded/ });

    const approved = await api.decide('approver', id, 'approve', { comment: 'go' });

    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(refusals.refused).toBe(1);
    expect((await json<ActionBody>(approved)).data.state).toBe('executed');
    expect(
      await count('SELECT COUNT(*) AS n FROM action_approvals WHERE action_id = ?', [id]),
    ).toBe(1);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action_id = ? AND event = 'action.approval_recorded'",
        [id],
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action_id = ? AND event = 'action.approved'",
        [id],
      ),
    ).toBe(1);
    expect(t.executorCalls() - executedBefore).toBe(1);
    expect(log.lines).toEqual([expect.objectContaining({ errno: 1213, attempt: 1 })]);
    expect(await verifyAuditChain(db.pool, TEST_AUDIT_KEY)).toMatchObject({
      ok: true,
      firstMismatch: null,
    });
  });
});

describe('an idempotency-keyed proposal whose COMMIT is refused once', () => {
  it('creates one action, and the same key replays the same answer', async () => {
    refusals = refuseCommits(db.pool, { errno: 1213, when: /action\.proposed/ });
    const first = await api.propose('operator', proposal('drain_entity', e(1)), 'galera-key');
    const firstBody = await first.text();
    expect(first.status, firstBody).toBe(201);
    expect(refusals.refused).toBe(1);
    const id = (JSON.parse(firstBody) as ActionBody).data.id;

    const again = await api.propose('operator', proposal('drain_entity', e(1)), 'galera-key');
    expect(again.status).toBe(201);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM actions a JOIN idempotency_keys k ON k.id = a.idempotency_key_id WHERE k.idem_key = 'galera-key'",
        [],
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action_id = ? AND event = 'action.proposed'",
        [id],
      ),
    ).toBe(1);
  });

  it('takes the key once when its own autocommit insert is refused', async () => {
    refusals = refuseCommits(db.pool, { errno: 1213, when: /INSERT INTO idempotency_keys/ });
    const response = await api.propose('operator', proposal('drain_entity', e(2)), 'key-refused');
    expect(response.status, await response.clone().text()).toBe(201);
    expect(refusals.refused).toBe(1);
    expect(
      await count("SELECT COUNT(*) AS n FROM idempotency_keys WHERE idem_key = 'key-refused'", []),
    ).toBe(1);
  });
});

describe('the per-user budget counter, refused once (1213)', () => {
  it('counts the request once and the proposal goes ahead: never a 500', async () => {
    refusals = refuseCommits(db.pool, { errno: 1213, when: /INSERT INTO action_requests/ });
    const response = await api.propose(
      'operator2',
      proposal('restart_entity', entityName(SEGMENTS[0], 1)),
    );
    expect(response.status, await response.clone().text()).toBe(201);
    expect(refusals.refused).toBe(1);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM action_requests WHERE username = 'operator2' AND kind = 'proposals'",
        [],
      ),
    ).toBe(1);
  });
});
