import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from './actions-api.ts';
import { entityName, sendTraffic } from './fleet-fixture.ts';

/** Eight web replicas, so a scale-in of two stays under the segment cap and a third drain does not. */
export const WORKFLOW_LAYOUT = [
  { segment: 'web', entities: 8 },
  { segment: 'etl', entities: 4, kind: 'pipeline' as const },
];
export const web = (i: number) => entityName('web', i);

export interface WorkflowFleet {
  db: TestDatabase;
  t: TestApp;
  api: ReturnType<typeof actionsApi>;
}

/**
 * Gives the calling test file a database of its own holding the workflow fleet, and hands `ready`
 * the handles once they exist. Traffic is topped up before each test so that the data-quality
 * precondition still passes however long the earlier tests took.
 */
export function withWorkflowFleet(ready: (fleet: WorkflowFleet) => void): void {
  let db: TestDatabase | undefined;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    ready({ db, t, api: actionsApi(t) });
    await sendTraffic(t, WORKFLOW_LAYOUT);
  });
  beforeEach(async () => sendTraffic(t, WORKFLOW_LAYOUT, 2));
  afterAll(async () => db?.drop());
}
