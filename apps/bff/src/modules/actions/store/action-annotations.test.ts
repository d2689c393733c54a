import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow } from '../../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';
import { actionAnnotations } from './action-annotations.repository.ts';

let db: TestDatabase;
let t: TestApp;
let from: number;
let drainId: number;
let restartId: number;
const idOf = async (table: 'entities' | 'segments', slug: string) =>
  (
    (await db.pool.query(`SELECT id FROM ${table} WHERE slug = ?`, [slug]))[0] as { id: number }[]
  )[0]!.id;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const api = actionsApi(t);
  await sendTraffic(t, [
    { segment: 'north', entities: 4 },
    { segment: 'south', entities: 4 },
  ]);
  // Flags carry audit times, which are the database clock's.
  from = (await databaseNow(db.pool)) - 1_000;
  drainId = (
    await json<ActionBody>(
      await api.propose('operator', proposal('drain_entity', entityName('north', 0))),
    )
  ).data.id;
  await api.decide('approver', drainId, 'approve');
  await api.decide('operator', drainId, 'rollback');
  restartId = (
    await json<ActionBody>(
      await api.propose('operator', proposal('restart_entity', entityName('south', 1))),
    )
  ).data.id;
  // Proposed but never executed: no flag.
  await api.propose('operator', proposal('quarantine_entity', entityName('south', 2)));
});
afterAll(async () => db?.drop());

describe('actionAnnotations', () => {
  it('flags executed and rolled-back actions on the entities they touched, in time order, from the audit trail, each naming its action', async () => {
    const flags = await actionAnnotations(
      db.pool,
      { entityIds: [await idOf('entities', entityName('north', 0))] },
      from,
      (await databaseNow(db.pool)) + 1_000,
    );
    expect(flags).toEqual([
      {
        ts: expect.any(Number),
        kind: 'action',
        title: `Drain entity north-e0 (#${drainId})`,
        eventId: null,
        actionId: drainId,
      },
      {
        ts: expect.any(Number),
        kind: 'action',
        title: `Rolled back: drain entity north-e0 (#${drainId})`,
        eventId: null,
        actionId: drainId,
      },
    ]);
    expect(flags[0]!.ts).toBeLessThanOrEqual(flags[1]!.ts);
    const [rows] = await db.pool.query(
      "SELECT at FROM audit_log WHERE action_id = ? AND event = 'action.executed'",
      [drainId],
    );
    expect(flags[0]!.ts).toBe(Number((rows as { at: number }[])[0]!.at));
  });

  it('scopes flags to a segment or the fleet, and to the window', async () => {
    const to = (await databaseNow(db.pool)) + 1_000;
    const south = await actionAnnotations(
      db.pool,
      { segmentId: await idOf('segments', 'south') },
      from,
      to,
    );
    expect(south.map((f) => f.title)).toEqual([`Restart entity south-e1 (#${restartId})`]);
    expect(await actionAnnotations(db.pool, { fleet: true }, from, to)).toHaveLength(3);
    expect(await actionAnnotations(db.pool, { fleet: true }, from - 60_000, from)).toEqual([]);
    expect(await actionAnnotations(db.pool, { entityIds: [] }, from, to)).toEqual([]);
    expect(
      await actionAnnotations(
        db.pool,
        { entityIds: [await idOf('entities', entityName('south', 3))] },
        from,
        to,
      ),
    ).toEqual([]);
  });
});
