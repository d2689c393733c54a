import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '@watchfloor/shared/annotations';
import {
  EntityDetailResponseSchema,
  SegmentDetailResponseSchema,
} from '@watchfloor/shared/drilldown';
import { OverviewResponseSchema } from '@watchfloor/shared/overview';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_TOKEN, type TestApp } from '../../testing/test-app.ts';
import {
  openEpisode,
  resolveEpisode,
  type EpisodeRecord,
} from '../alerts/alert-episodes.repository.ts';

let db: TestDatabase;
let t: TestApp;
// The window every chart below is read for: [from, to), three hours ago, on whole minutes.
const from = Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000;
const to = from + 3_600_000;
const at = (minutes: number) => from + minutes * 60_000;

const CHANGES = [
  { id: 'deploy-e0', type: 'deploy', start: at(10), segment: 'north', entity: 'north-e0' },
  { id: 'at-from', type: 'flag', start: from, segment: 'north', entity: 'north-e0' },
  { id: 'at-to', type: 'flag', start: to, segment: 'north', entity: 'north-e0' },
  { id: 'after-window', type: 'deploy', start: at(120), segment: 'north' },
  { id: 'config-over-start', type: 'config', start: at(-30), end: at(5), segment: 'north' },
  { id: 'before-window', type: 'config', start: at(-120), end: at(-60), segment: 'north' },
  { id: 'fleet-infra', type: 'infra', start: at(20), url: 'https://infra.example.com/change/7' },
  { id: 'south-flag', type: 'flag', start: at(15), segment: 'south' },
  { id: 'e1-by-entity', type: 'other', start: at(25), segment: 'renamed', entity: 'north-e1' },
].map((change) => ({ title: `Change ${change.id}`, ...change }));

const episode = (fingerprint: string, minutes: number, scope: Partial<EpisodeRecord>) =>
  ({
    fingerprint,
    startsAt: at(minutes),
    alertname: `Alert ${fingerprint}`,
    severity: 'critical',
    summary: null,
    labels: '{}',
    annotations: null,
    generatorUrl: `http://prometheus.example.com/graph?g0.expr=${fingerprint}`,
    segmentKey: null,
    entityKey: null,
    ...scope,
  }) satisfies EpisodeRecord;

async function marks(path: string): Promise<Annotation[]> {
  const response = await t.get(`${path}${path.includes('?') ? '&' : '?'}from=${from}&to=${to}`);
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  if (path.startsWith('/api/v1/overview'))
    return OverviewResponseSchema.parse(body).data.annotations;
  if (path.startsWith('/api/v1/segments/'))
    return SegmentDetailResponseSchema.parse(body).data.annotations;
  return EntityDetailResponseSchema.parse(body).data.annotations;
}

/** The marks of a segment or entity chart, but for fleet-wide alerts. */
const scopedMarks = async (path: string) =>
  (await marks(path)).filter((mark) => !isFleetAlert(mark));

/** Fleet-wide alert episodes are judged on their own, in the last test. */
const isFleetAlert = (mark: Annotation) => mark.source === 'alert' && !mark.segment && !mark.entity;

/** A mark's name in these tests: the change id, the alert's fingerprint, or the flag's event id. */
const nameOf = (mark: Annotation) =>
  mark.changeId ?? mark.eventId ?? mark.title.replace(/^Alert /, 'alert:');

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const request = (entity: string, segment: string) => ({
    id: `req-${entity}`,
    ts: at(1),
    segment,
    entity,
    kind: 'request',
    status: 'ok',
    latencyMs: 12,
  });
  const ingested = await t.ingest([
    request('north-e0', 'north'),
    request('north-e1', 'north'),
    request('south-e0', 'south'),
    {
      ...request('north-e1', 'north'),
      id: 'flagged-deploy',
      ts: at(30),
      kind: 'log',
      message: 'deploy v2 of north-e1',
      attrs: { deploy: true },
    },
  ]);
  expect(ingested.status).toBe(200);
  const posted = await t.app.request('/api/v1/ingest/changes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
    body: JSON.stringify({ changes: CHANGES }),
  });
  expect(await posted.json()).toEqual({
    data: { accepted: CHANGES.length, duplicates: 0, rejected: [] },
  });
  await resolveEpisode(
    db.pool,
    episode('e0-resolved', 5, { segmentKey: 'north', entityKey: 'north-e0' }),
    at(25),
  );
  await openEpisode(db.pool, episode('north-open', 40, { segmentKey: 'north' }));
  await openEpisode(db.pool, episode('north-earlier', -90, { segmentKey: 'north' }));
  await resolveEpisode(db.pool, episode('north-ended', -90, { segmentKey: 'north' }), at(-10));
  await openEpisode(db.pool, episode('south-open', 20, { segmentKey: 'south' }));
  await openEpisode(db.pool, episode('fleet-open', 50, {}));
});
afterAll(async () => db?.drop());

describe('annotations at every level of the drill-down', () => {
  it('shows the segment its own changes, its entities’ and the fleet-wide ones that touch the window, in time order', async () => {
    const north = await scopedMarks('/api/v1/segments/north');
    expect(north.map(nameOf)).toEqual([
      'alert:north-earlier',
      'config-over-start',
      'at-from',
      'alert:e0-resolved',
      'deploy-e0',
      'fleet-infra',
      'e1-by-entity',
      'flagged-deploy',
      'alert:north-open',
    ]);
    expect(north.find((m) => m.changeId === 'config-over-start')).toEqual({
      ts: at(-30),
      endTs: at(5),
      kind: 'config',
      source: 'change',
      title: 'Change config-over-start',
      eventId: null,
      changeId: 'config-over-start',
      url: null,
      segment: 'north',
      entity: null,
    });
    expect(north.find((m) => m.changeId === 'deploy-e0')).toMatchObject({
      ts: at(10),
      endTs: null,
      kind: 'deploy',
      entity: 'north-e0',
    });
    expect(north.find((m) => m.changeId === 'fleet-infra')).toMatchObject({
      url: 'https://infra.example.com/change/7',
      segment: null,
      entity: null,
    });
    expect(north.find((m) => m.eventId === 'flagged-deploy')).toMatchObject({
      ts: at(30),
      kind: 'deploy',
      source: 'event',
      title: 'deploy v2 of north-e1',
      entity: 'north-e1',
    });
  });

  it('draws alert episodes as ranges: a resolved one with its end, a firing one open', async () => {
    const north = await scopedMarks('/api/v1/segments/north');
    expect(north.find((m) => m.alertEpisodeId && m.title === 'Alert e0-resolved')).toMatchObject({
      ts: at(5),
      endTs: at(25),
      open: false,
      kind: 'alert',
      source: 'alert',
      severity: 'critical',
      url: 'http://prometheus.example.com/graph?g0.expr=e0-resolved',
    });
    expect(north.find((m) => m.title === 'Alert north-open')).toMatchObject({
      ts: at(40),
      endTs: null,
      open: true,
    });
  });

  it('shows an entity its own marks, its segment’s without an entity, and the fleet-wide ones', async () => {
    expect((await scopedMarks('/api/v1/entities/north-e0')).map(nameOf)).toEqual([
      'alert:north-earlier',
      'config-over-start',
      'at-from',
      'alert:e0-resolved',
      'deploy-e0',
      'fleet-infra',
      'alert:north-open',
    ]);
    expect((await scopedMarks('/api/v1/entities/north-e1')).map(nameOf)).toEqual([
      'alert:north-earlier',
      'config-over-start',
      'fleet-infra',
      'e1-by-entity',
      'flagged-deploy',
      'alert:north-open',
    ]);
  });

  it('keeps another segment’s marks off this segment, and shows the fleet-wide ones there too', async () => {
    expect((await scopedMarks('/api/v1/segments/south')).map(nameOf)).toEqual([
      'south-flag',
      'fleet-infra',
      'alert:south-open',
    ]);
    expect((await scopedMarks('/api/v1/entities/south-e0')).map(nameOf)).toEqual([
      'south-flag',
      'fleet-infra',
      'alert:south-open',
    ]);
  });

  it('shows the fleet every mark in the window, whatever its scope', async () => {
    expect((await marks('/api/v1/overview')).map(nameOf)).toEqual([
      'alert:north-earlier',
      'config-over-start',
      'at-from',
      'alert:e0-resolved',
      'deploy-e0',
      'south-flag',
      'fleet-infra',
      'alert:south-open',
      'e1-by-entity',
      'flagged-deploy',
      'alert:north-open',
      'alert:fleet-open',
    ]);
  });

  it('shows an alert that names no segment or entity on every chart, as a fleet-wide band', async () => {
    for (const path of [
      '/api/v1/overview',
      '/api/v1/segments/north',
      '/api/v1/segments/south',
      '/api/v1/entities/north-e0',
      '/api/v1/entities/south-e0',
    ])
      expect((await marks(path)).filter(isFleetAlert), path).toEqual([
        expect.objectContaining({ title: 'Alert fleet-open', ts: at(50), open: true }),
      ]);
  });
});
