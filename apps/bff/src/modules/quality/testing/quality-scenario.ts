import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { databaseNow } from '../../../db/db-clock.ts';

/**
 * The frame of the quality scenario catalogue: each scenario is driven through the real ingest API
 * and the real rollup worker on its own database, and every level (fleet, segment, entity, raw
 * events, the quality route, action preconditions) must say the same thing about it. Times come
 * from the database clock; nothing waits.
 */

export const MIN = 60_000;
export const HOUR = 3_600_000;
export type ScenarioApp = Awaited<ReturnType<typeof createTestApp>>;

export function scenario(
  name: string,
  body: (ctx: { t: () => ScenarioApp; db: () => TestDatabase; now: () => number }) => void,
) {
  describe(name, () => {
    let db: TestDatabase;
    let t: ScenarioApp;
    let now = 0;
    beforeAll(async () => {
      db = await createTestDatabase();
      t = await createTestApp(db);
      now = Math.floor((await databaseNow(db.pool)) / 1000) * 1000;
    });
    afterAll(async () => db?.drop());
    body({ t: () => t, db: () => db, now: () => now });
  });
}

/** Six hours of steady traffic (and a minute more), so the default window is fully covered. */
export const sixHours = (now: number) => ({
  fromMs: Math.floor((now - 6 * HOUR - MIN) / MIN) * MIN,
  toMs: now - 1_000,
});
/** The default live view; `readNo` moves its end by milliseconds so a second read is not served from the one-second answer cache. */
export const liveWindow = (now: number, readNo = 0) => ({ from: now - 6 * HOUR, to: now + readNo });
