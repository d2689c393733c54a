import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { actionsApi } from '../testing/actions-api.ts';
import { entityName, json, proposal, sendTraffic } from '../testing/fleet-fixture.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;

const citing = (assistId: string) => {
  const body = proposal('restart_entity', entityName('north', 0));
  return { ...body, evidence: { ...body.evidence, assistId } };
};

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  api = actionsApi(t);
  await sendTraffic(t, [{ segment: 'north', entities: 4 }]);
});
afterAll(async () => db?.drop());

describe('a proposal citing a "Why?" answer', () => {
  it('is refused with 422 naming evidence.assistId when no such answer was stored', async () => {
    const response = await api.propose('operator', citing('as_0123456789abcdef01234567'));
    expect(response.status).toBe(422);
    const body = await json<{ error: { details: { field: string }[] } }>(response);
    expect(body.error.details.map((d) => d.field)).toEqual(['evidence.assistId']);
  });

  it('is accepted when it cites a stored answer', async () => {
    const asked = await t.get('/api/v1/assist/why?scope=segment&id=north');
    expect(asked.status).toBe(200);
    const { id } = (await json<{ data: { id: string } }>(asked)).data;
    const response = await api.propose('operator', citing(id));
    expect(response.status).toBe(201);
  });
});
