import { DEFAULT_ACTION_POLICY, type ActionPolicy } from '@watchfloor/shared/actions/policy';
import type { ActivePolicy, PolicyChange } from '@watchfloor/shared/actions/policy-changes';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../../actions/testing/actions-api.ts';
import { json, sendTraffic } from '../../actions/testing/fleet-fixture.ts';
import { DatabasePolicySource } from '../database-policy-source.ts';
import { policyApi } from './policy-api.ts';

export type Answer<T> = { data: T };
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** The policy the test fleet starts under: the default, with no segment share cap in the way. */
export const BASE: ActionPolicy = structuredClone(DEFAULT_ACTION_POLICY);
BASE.caps.maxSegmentOutOfServiceRatio = 1;

/** The change under review: a raised entity cap, and drains switched off. */
export const RAISED: ActionPolicy = structuredClone(BASE);
RAISED.caps.maxEntitiesPerAction = 20;
RAISED.types.drain_entity.enabled = false;

export const change = async (response: Response) =>
  (await json<Answer<PolicyChange>>(response)).data;

export interface PolicyFleet {
  db: TestDatabase;
  t: TestApp;
  source: DatabasePolicySource;
  policy: Awaited<ReturnType<typeof policyApi>>;
  actions: ReturnType<typeof actionsApi>;
  activeVersion: () => Promise<string>;
}

/**
 * Gives the calling test file a database of its own, seeded with BASE as the active version, and
 * hands `ready` the handles once they exist. The actions module reads the database-backed policy
 * source, as on a server, so an activated change decides the very next proposal.
 */
export function withPolicyFleet(ready: (fleet: PolicyFleet) => void): void {
  let db: TestDatabase | undefined;
  let source: DatabasePolicySource | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    const t = await createTestApp(db, { actions: { policy: BASE } });
    source = await DatabasePolicySource.open(db.pool, { policy: BASE, from: 'default' });
    t.actions.policy = source;
    const policy = await policyApi(t, db);
    const activeVersion = async () =>
      (await json<Answer<ActivePolicy>>(await policy.get('manager'))).data.version;
    ready({ db, t, source, policy, actions: actionsApi(t), activeVersion });
    await sendTraffic(t, [
      { segment: 'wide', entities: 12 },
      { segment: 'pol', entities: 8 },
    ]);
  });
  afterAll(async () => {
    source?.stop();
    await db?.drop();
  });
}
