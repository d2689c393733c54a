import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionDetailSchema } from '@watchfloor/shared/actions/detail';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import type { Annotation } from '@watchfloor/shared/annotations';
import { OverviewResponseSchema } from '@watchfloor/shared/overview';
import { databaseNow } from '../../../db/db-clock.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import {
  openEpisode,
  resolveEpisode,
  type EpisodeRecord,
} from '../../alerts/alert-episodes.repository.ts';
import { actionsApi } from '../testing/actions-api.ts';
import {
  entityName,
  json,
  proposal,
  sendTraffic,
  type ActionBody,
} from '../testing/fleet-fixture.ts';

let db: TestDatabase;
let t: TestApp;
let api: ReturnType<typeof actionsApi>;
const now = Date.now();
const ago = (minutes: number) => now - minutes * 60_000;
/** The window the proposer was looking at: from 30 to 10 minutes ago. */
const evidenceWindow = { from: ago(30), to: ago(10) };
const north = (i: number) => entityName('north', i);

const episode = (fingerprint: string, startedMinutesAgo: number, scope: Partial<EpisodeRecord>) =>
  ({
    fingerprint,
    startsAt: ago(startedMinutesAgo),
    alertname: fingerprint,
    severity: 'warning',
    summary: `Alert ${fingerprint}`,
    labels: '{}',
    annotations: null,
    generatorUrl: null,
    segmentKey: null,
    entityKey: null,
    ...scope,
  }) satisfies EpisodeRecord;

const withWindow = (body: ReturnType<typeof proposal>) => ({
  ...body,
  evidence: { ...body.evidence, window: evidenceWindow },
});

async function storedAlerts(id: number): Promise<Annotation[] | undefined> {
  const response = await t.get(`/api/v1/actions/${id}`);
  expect(response.status).toBe(200);
  return envelopeSchema(ActionDetailSchema).parse(await response.json()).data.action.evidence
    .alerts;
}

const countActions = async () =>
  Number(((await db.pool.query('SELECT COUNT(*) AS n FROM actions'))[0] as { n: number }[])[0]!.n);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  api = actionsApi(t);
  await sendTraffic(t, [
    { segment: 'north', entities: 4 },
    { segment: 'west', entities: 4 },
    { segment: 'east', entities: 5 },
    { segment: 'south', entities: 2 },
  ]);
  const onEntity = { segmentKey: 'north', entityKey: north(0) };
  // Still firing, though it began after the window: an approver must see it.
  await openEpisode(db.pool, episode('e0-firing', 5, onEntity));
  // Overlaps the window on the target's segment.
  await resolveEpisode(db.pool, episode('north-overlap', 40, { segmentKey: 'north' }), ago(20));
  // Over before the window, and begun and over after it: not evidence.
  await resolveEpisode(db.pool, episode('north-before', 60, { segmentKey: 'north' }), ago(45));
  await resolveEpisode(db.pool, episode('north-after', 9, { segmentKey: 'north' }), ago(6));
  // Another entity of the segment, and another segment.
  await openEpisode(
    db.pool,
    episode('e1-firing', 15, { segmentKey: 'north', entityKey: north(1) }),
  );
  await openEpisode(db.pool, episode('south-firing', 25, { segmentKey: 'south' }));
  // A segment target: its entities' alerts and its own.
  const west = (i: number) => ({ segmentKey: 'west', entityKey: entityName('west', i) });
  await openEpisode(db.pool, episode('west-e0-firing', 12, west(0)));
  // Mapped by its instance label alone: it names the entity, not the segment.
  await openEpisode(db.pool, episode('west-e3-firing', 3, { entityKey: entityName('west', 3) }));
  await resolveEpisode(db.pool, episode('west-overlap', 28, { segmentKey: 'west' }), ago(27));
});
afterAll(async () => db?.drop());

describe('alerts in the evidence of a proposed action', () => {
  it('adds the alerts firing on an entity target in the window, or still firing, newest first', async () => {
    const created = await api.propose('operator', withWindow(proposal('drain_entity', north(0))));
    expect(created.status).toBe(201);
    const { id } = (await json<ActionBody>(created)).data;
    const alerts = await storedAlerts(id);
    expect(alerts?.map((a) => a.title)).toEqual(['Alert e0-firing', 'Alert north-overlap']);
    expect(alerts?.[0]).toMatchObject({
      ts: ago(5),
      endTs: null,
      open: true,
      kind: 'alert',
      source: 'alert',
      entity: north(0),
    });
    expect(alerts?.[1]).toMatchObject({ ts: ago(40), endTs: ago(20), open: false });
    // The audit record of the proposal holds the same evidence.
    const [rows] = await db.pool.query(
      "SELECT payload FROM audit_log WHERE action_id = ? AND event = 'action.proposed'",
      [id],
    );
    const payload = JSON.parse((rows as { payload: string }[])[0]!.payload) as {
      evidence: { alerts: Annotation[] };
    };
    expect(payload.evidence.alerts.map((a) => a.title)).toEqual(alerts?.map((a) => a.title));
  });

  it('adds the alerts of every entity of a segment target, and none of another segment', async () => {
    const created = await api.propose(
      'operator',
      withWindow(proposal('scale_segment', 'west', { params: { replicasDelta: -1 } })),
    );
    expect(created.status).toBe(201);
    const alerts = await storedAlerts((await json<ActionBody>(created)).data.id);
    expect(alerts?.map((a) => a.title)).toEqual([
      'Alert west-e3-firing',
      'Alert west-e0-firing',
      'Alert west-overlap',
    ]);
  });

  it('stores no alerts for a target with none', async () => {
    const created = await api.propose(
      'operator',
      withWindow(proposal('restart_entity', entityName('east', 0))),
    );
    expect(created.status).toBe(201);
    expect(await storedAlerts((await json<ActionBody>(created)).data.id)).toEqual([]);
  });

  it('refuses alerts sent by the client (422 naming evidence), writing nothing', async () => {
    const before = await countActions();
    const body = withWindow(proposal('drain_entity', north(2)));
    const forged = { ...body, evidence: { ...body.evidence, alerts: [] } };
    const response = await api.propose('operator', forged);
    expect(response.status).toBe(422);
    const error = ((await response.json()) as { error: { details: { field: string }[] } }).error;
    expect(error.details.map((d) => d.field)).toContain('evidence');
    expect(await countActions()).toBe(before);
  });

  it('still flags executed actions on the fleet chart, beside the alerts', async () => {
    const from = (await databaseNow(db.pool)) - 1_000;
    const created = await api.propose(
      'operator',
      proposal('quarantine_entity', entityName('east', 1)),
    );
    const { id } = (await json<ActionBody>(created)).data;
    expect((await json<ActionBody>(await api.decide('approver', id, 'approve'))).data.state).toBe(
      'executed',
    );
    const to = (await databaseNow(db.pool)) + 1_000;
    const response = await t.get(`/api/v1/overview?from=${ago(60)}&to=${to}`);
    const marks = OverviewResponseSchema.parse(await response.json()).data.annotations;
    const flag = marks.find((m) => m.actionId === id);
    expect(flag).toMatchObject({ kind: 'action', source: 'action' });
    expect(flag!.ts).toBeGreaterThanOrEqual(from);
    expect(marks.filter((m) => m.kind === 'alert').map((m) => m.title)).toContain(
      'Alert south-firing',
    );
  });
});
