import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '@watchfloor/shared/annotations';
import { databaseNow } from '../../db/db-clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_TOKEN, type TestApp } from '../../testing/test-app.ts';
import { alertEpisodeAnnotations } from './alert-episodes.repository.ts';
import { ALERTMANAGER_MAX_BYTES } from './alertmanager.routes.ts';

let db: TestDatabase;
let t: TestApp;
const startsAt = '2026-03-01T10:00:00.123456789Z';
const startsAtMs = Date.parse('2026-03-01T10:00:00.123Z');
const endsAt = '2026-03-01T10:07:30Z';
const endsAtMs = Date.parse(endsAt);
const hour = { from: startsAtMs - 3_600_000, to: startsAtMs + 3_600_000 };

type Result = {
  opened: number;
  resolved: number;
  unchanged: number;
  rejected: { index: number; fingerprint?: string; field: string; message: string }[];
};

const alert = (fingerprint: string, extra: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: {
    alertname: 'HighErrorRate',
    severity: 'page',
    segment: 'payments',
    entity: 'payments-api-1',
  },
  annotations: { summary: 'Error rate above 5 %' },
  startsAt,
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example/graph?g0.expr=errors',
  fingerprint,
  ...extra,
});
const resolved = (fingerprint: string, extra: Record<string, unknown> = {}) =>
  alert(fingerprint, { status: 'resolved', endsAt, ...extra });

const webhook = (alerts: unknown[], extra: Record<string, unknown> = {}) => ({
  version: '4',
  groupKey: '{}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'watchfloor',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example',
  alerts,
  ...extra,
});

async function send(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return app.app.request('/api/v1/ingest/alertmanager', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TEST_TOKEN}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function deliver(alerts: unknown[], app = t): Promise<Result> {
  const response = await send(app, webhook(alerts));
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Result }).data;
}

type EpisodeRow = { starts_at: number; ends_at: number | null; segment_key: string | null };
async function episodes(fingerprint: string): Promise<EpisodeRow[]> {
  const [rows] = await db.pool.query(
    'SELECT starts_at, ends_at, segment_key FROM alert_episodes WHERE fingerprint = ? ORDER BY starts_at',
    [fingerprint],
  );
  return (rows as EpisodeRow[]).map((r) => ({
    starts_at: Number(r.starts_at),
    ends_at: r.ends_at === null ? null : Number(r.ends_at),
    segment_key: r.segment_key,
  }));
}

async function count(table: string): Promise<number> {
  const [rows] = await db.pool.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as { n: number }[])[0]!.n);
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => db?.drop());

describe('POST /api/v1/ingest/alertmanager', () => {
  it('opens an episode on firing, mapped to segment and entity, shown as an open band', async () => {
    expect(await deliver([alert('fp-open')])).toEqual({
      opened: 1,
      resolved: 0,
      unchanged: 0,
      rejected: [],
    });
    const bands = await alertEpisodeAnnotations(
      db.pool,
      { entity: 'payments-api-1', segment: 'payments' },
      hour.from,
      hour.to,
    );
    expect(bands.find((b) => b.title === 'Error rate above 5 %')).toMatchObject({
      ts: startsAtMs,
      endTs: null,
      open: true,
      kind: 'alert',
      source: 'alert',
      url: 'http://prometheus.example/graph?g0.expr=errors',
      severity: 'page',
      segment: 'payments',
      entity: 'payments-api-1',
      alertEpisodeId: expect.any(Number) as number,
    } satisfies Partial<Annotation>);
  });

  it('stores a duplicated firing once, whether re-sent or sent concurrently by an HA pair', async () => {
    expect((await deliver([alert('fp-dup')])).opened).toBe(1);
    expect(await deliver([alert('fp-dup')])).toMatchObject({ opened: 0, unchanged: 1 });
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => deliver([alert('fp-race'), resolved('fp-race-closed')])),
    );
    expect(racing.reduce((n, r) => n + r.opened, 0)).toBe(1);
    expect(racing.reduce((n, r) => n + r.resolved, 0)).toBe(1);
    expect(await episodes('fp-dup')).toHaveLength(1);
    expect(await episodes('fp-race')).toHaveLength(1);
    expect(await episodes('fp-race-closed')).toHaveLength(1);
  });

  it('closes the episode on resolved, and a late firing does not reopen it', async () => {
    await deliver([alert('fp-close')]);
    expect(await deliver([resolved('fp-close')])).toMatchObject({ resolved: 1, unchanged: 0 });
    expect(await episodes('fp-close')).toEqual([
      { starts_at: startsAtMs, ends_at: endsAtMs, segment_key: 'payments' },
    ]);
    expect(await deliver([alert('fp-close')])).toMatchObject({ opened: 0, unchanged: 1 });
    expect(await deliver([resolved('fp-close', { endsAt: '2026-03-01T11:00:00Z' })])).toMatchObject(
      { resolved: 0, unchanged: 1 },
    );
    expect((await episodes('fp-close'))[0]!.ends_at).toBe(endsAtMs);
  });

  it('stores a resolved episode never seen firing as closed', async () => {
    expect((await deliver([resolved('fp-unseen')])).resolved).toBe(1);
    expect(await episodes('fp-unseen')).toEqual([
      { starts_at: startsAtMs, ends_at: endsAtMs, segment_key: 'payments' },
    ]);
  });

  it('keeps two episodes of one fingerprint apart by startsAt', async () => {
    await deliver([resolved('fp-twice')]);
    await deliver([alert('fp-twice', { startsAt: '2026-03-01T10:20:00Z' })]);
    const rows = await episodes('fp-twice');
    expect(rows.map((r) => r.ends_at)).toEqual([endsAtMs, null]);
  });

  it('lists an alert without labels as rejected and stores the rest, also when truncated', async () => {
    const response = await send(
      t,
      webhook(
        [
          alert('fp-nolabels', { labels: {} }),
          alert('fp-badtime', { startsAt: 'yesterday' }),
          alert('fp-kept'),
        ],
        { truncatedAlerts: 4 },
      ),
    );
    expect(response.status).toBe(200);
    const result = ((await response.json()) as { data: Result }).data;
    expect(result.opened).toBe(1);
    expect(result.rejected).toEqual([
      { index: 0, fingerprint: 'fp-nolabels', field: 'labels', message: expect.any(String) },
      { index: 1, fingerprint: 'fp-badtime', field: 'startsAt', message: expect.any(String) },
    ]);
    expect(await episodes('fp-nolabels')).toEqual([]);
    expect(await episodes('fp-kept')).toHaveLength(1);
  });

  it('refuses a malformed envelope with 422 naming the field, writing nothing', async () => {
    const before = await count('alert_episodes');
    const response = await send(t, webhook([alert('fp-envelope')], { version: '3' }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field)).toContain('version');
    expect((await send(t, '{"version":')).status).toBe(422);
    expect(await count('alert_episodes')).toBe(before);
  });

  it('refuses a request without an ingest token, and a body past the limit', async () => {
    const before = await count('alert_episodes');
    expect((await send(t, webhook([alert('fp-anon')]), { authorization: '' })).status).toBe(401);
    const huge = webhook([
      alert('fp-huge', { annotations: { summary: 'x'.repeat(ALERTMANAGER_MAX_BYTES) } }),
    ]);
    const response = await send(t, huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    expect(await count('alert_episodes')).toBe(before);
  });

  it('maps scope through the configured labels; an alert with neither is fleet-wide', async () => {
    const custom = await createTestApp(db, {
      alerting: { segmentLabels: ['team'], entityLabels: ['pod'] },
    });
    await deliver(
      [
        alert('fp-team', { labels: { alertname: 'Slow', team: 'checkout', pod: 'checkout-7' } }),
        alert('fp-fleet', { labels: { alertname: 'Quorum' }, annotations: {} }),
        alert('fp-described', {
          labels: { alertname: 'DiskFilling', team: 'checkout' },
          annotations: { description: 'Disk 91 % full' },
        }),
      ],
      custom,
    );
    const segment = await alertEpisodeAnnotations(
      db.pool,
      { segment: 'checkout', entitySlugs: [] },
      hour.from,
      hour.to,
    );
    // The fleet-wide one shows on every segment and entity too.
    expect(segment.map((b) => [b.title, b.segment, b.entity]).sort()).toEqual([
      ['Disk 91 % full', 'checkout', null],
      ['Error rate above 5 %', 'checkout', 'checkout-7'],
      ['Quorum', null, null],
    ]);
    const byEntity = await alertEpisodeAnnotations(
      db.pool,
      { segment: 'elsewhere', entitySlugs: ['checkout-7'] },
      hour.from,
      hour.to,
    );
    expect(byEntity.map((b) => b.title).sort()).toEqual(['Error rate above 5 %', 'Quorum']);
    const fleet = await alertEpisodeAnnotations(db.pool, { fleet: true }, hour.from, hour.to);
    expect(fleet.find((b) => b.title === 'Quorum')).toMatchObject({ segment: null, entity: null });
  });

  it('shows an episode only in windows it overlaps', async () => {
    await deliver([resolved('fp-window', { labels: { alertname: 'Win', segment: 'win' } })]);
    const scope = { segment: 'win', entitySlugs: [] };
    const seen = (from: number, to: number) =>
      alertEpisodeAnnotations(db.pool, scope, from, to).then(
        (b) => b.filter((episode) => episode.segment === 'win').length,
      );
    expect(await seen(endsAtMs, endsAtMs + 60_000)).toBe(0);
    expect(await seen(startsAtMs - 60_000, startsAtMs)).toBe(0);
    expect(await seen(endsAtMs - 1, endsAtMs)).toBe(1);
  });
});

describe('heartbeat alert', () => {
  type QualityBody = {
    quality: { reasons: { code: string; severity: string; message: string }[] };
  };
  const reasons = async (app: TestApp, path = '/api/v1/quality') => {
    const now = await databaseNow(db.pool);
    const response = await app.get(`${path}?from=${now - 3_600_000}&to=${now}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as QualityBody).quality.reasons.filter(
      (r) => r.code === 'alert_pipeline_silent',
    );
  };

  it('opens no episode and records when the heartbeat arrived', async () => {
    const before = await count('alert_episodes');
    const result = await deliver([
      alert('fp-watchdog', { labels: { alertname: 'Watchdog', severity: 'none' } }),
    ]);
    expect(result).toMatchObject({ opened: 0, resolved: 0, unchanged: 1, rejected: [] });
    expect(await count('alert_episodes')).toBe(before);
    const [rows] = await db.pool.query(
      `SELECT last_received_at FROM alert_heartbeats WHERE name = 'Watchdog'`,
    );
    const last = Number((rows as { last_received_at: number }[])[0]!.last_received_at);
    expect(Math.abs((await databaseNow(db.pool)) - last)).toBeLessThan(60_000);
    expect(await reasons(t)).toEqual([]);
  });

  it('becomes a quality reason once silent past the limit, and never before it was seen', async () => {
    const quiet = await createTestApp(db, {
      alerting: { heartbeatAlertname: 'Heartbeat', heartbeatMaxSilenceMs: 10 * 60_000 },
    });
    expect(await reasons(quiet)).toEqual([]);
    await deliver([alert('fp-heartbeat', { labels: { alertname: 'Heartbeat' } })], quiet);
    expect(await reasons(quiet)).toEqual([]);

    const silentSince = (await databaseNow(db.pool)) - 25 * 60_000;
    await db.pool.query(`UPDATE alert_heartbeats SET last_received_at = ? WHERE name = ?`, [
      silentSince,
      'Heartbeat',
    ]);
    // With yesterday's date in the first 25 minutes of a UTC day.
    const since = new Date(silentSince).toISOString().slice(0, 16).split('T');
    const expected = {
      code: 'alert_pipeline_silent',
      severity: 'degraded',
      message: expect.stringMatching(
        new RegExp(
          `^Alert pipeline silent since (${since[0]} )?${since[1]} UTC: no Heartbeat heartbeat for 25 min, so the absence of alert bands says nothing\\.$`,
        ),
      ),
    };
    expect(await reasons(quiet)).toEqual([expected]);
    expect(await reasons(quiet, '/api/v1/overview')).toEqual([expected]);

    await deliver([alert('fp-heartbeat', { labels: { alertname: 'Heartbeat' } })], quiet);
    expect(await reasons(quiet)).toEqual([]);
  });
});
