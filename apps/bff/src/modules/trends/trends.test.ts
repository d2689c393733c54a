import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { BURN_WINDOWS_MS, burnRate, type BurnWindow } from '@watchfloor/shared/trends/burn-rate';
import {
  findIncidents,
  isBurningHour,
  type MinuteCounts,
} from '@watchfloor/shared/trends/incidents';
import { TrendsResponseSchema, type TrendsResponse } from '@watchfloor/shared/trends/api';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { drain } from '../../testing/rollup-truth.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const DATA_FROM = T - 50 * HOUR;
/** Spike 1: every seg-spike request fails for 45 minutes, 30 hours ago. Spike 2: the last 50 minutes, still going. */
const SPIKE1 = { from: T - 30 * HOUR, to: T - 30 * HOUR + 45 * MINUTE };
const SPIKE2 = { from: T - 50 * MINUTE, to: T + MINUTE };
const LATENCY_TARGET = 200;

let db: TestDatabase;
let t: Awaited<ReturnType<typeof createTestApp>>;

/** Two segments, two entities each, one request every 30 s per entity. */
function traffic(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  let n = 0;
  for (let ts = DATA_FROM; ts < T; ts += 30_000) {
    for (const segment of ['seg-spike', 'seg-slow']) {
      for (let e = 0; e < 2; e++) {
        n++;
        const at = ts + e * 7_000 + 1_000;
        const inSpike =
          (at >= SPIKE1.from && at < SPIKE1.to) || (at >= SPIKE2.from && at < SPIKE2.to);
        // seg-slow fails one request in 33 (burn 3: a ticket, never a page) and is slow every third minute.
        const failed = segment === 'seg-spike' ? inSpike : n % 33 === 0;
        const minute = Math.floor(at / MINUTE);
        const latencyMs =
          segment === 'seg-slow' && minute % 3 === 0
            ? 150 + ((n * 37) % 120)
            : 40 + ((n * 13) % 50);
        events.push({
          id: `${segment}-${e}-${ts}`,
          ts: at,
          segment,
          entity: `${segment}-e${e}`,
          kind: 'request',
          status: failed ? 'error' : 'ok',
          latencyMs,
        });
      }
    }
  }
  return events;
}

async function trends(
  query: string,
  role: 'manager' | 'approver' | 'admin' = 'manager',
): Promise<TrendsResponse> {
  const response = await t.get(`/api/v1/trends?${query}`, role);
  expect(response.status, await response.clone().text()).toBe(200);
  return TrendsResponseSchema.parse(await response.json());
}

interface RawRow {
  segment: string;
  ts: number;
  status: number;
  latency: number | null;
}
let raw: RawRow[] = [];

/** Counts straight from raw events, with none of the rollup code. */
function rawCounts(segment: string, fromTs: number, toTs: number) {
  const rows = raw.filter((r) => r.segment === segment && r.ts >= fromTs && r.ts < toTs);
  return { requests: rows.length, errors: rows.filter((r) => r.status === 1).length };
}

function rawBuckets(
  segment: string,
  size: number,
  fromTs: number,
  toTs: number,
): Map<number, RawRow[]> {
  const buckets = new Map<number, RawRow[]>();
  for (const r of raw) {
    if (r.segment !== segment || r.ts < fromTs || r.ts >= toTs) continue;
    const b = Math.floor(r.ts / size) * size;
    buckets.set(b, [...(buckets.get(b) ?? []), r]);
  }
  return buckets;
}

const exactP95 = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(0.95 * sorted.length)) - 1]!;
};

/** Exact compliance from raw latencies, and how many buckets sit within the estimator's 5 % of the target. */
function rawCompliance(segment: string, size: number, fromTs: number, toTs: number) {
  let judged = 0;
  let met = 0;
  let borderline = 0;
  for (const rows of rawBuckets(segment, size, fromTs, toTs).values()) {
    const latencies = rows.flatMap((r) => (r.latency === null ? [] : [r.latency]));
    if (latencies.length === 0) continue;
    const p95 = exactP95(latencies);
    judged++;
    if (p95 <= LATENCY_TARGET) met++;
    if (p95 >= LATENCY_TARGET / 1.05 && p95 <= LATENCY_TARGET * 1.05) borderline++;
  }
  return { judged, met, borderline };
}

function rawIncidents(segment: string, fromTs: number, dataEnd: number, slo: number) {
  const minutes: MinuteCounts[] = [
    ...rawBuckets(segment, MINUTE, fromTs - HOUR, dataEnd + MINUTE),
  ].map(([ts, rows]) => ({
    ts,
    requests: rows.length,
    errors: rows.filter((r) => r.status === 1).length,
  }));
  const hours = new Set(
    [...rawBuckets(segment, HOUR, fromTs - HOUR, dataEnd + MINUTE)]
      .filter(([, rows]) =>
        isBurningHour(
          { requests: rows.length, errors: rows.filter((r) => r.status === 1).length },
          slo,
        ),
      )
      .map(([h]) => h),
  );
  return findIncidents(minutes, hours, slo, dataEnd);
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const events = traffic();
  for (let i = 0; i < events.length; i += 5_000)
    expect((await t.ingest(events.slice(i, i + 5_000))).status).toBe(200);
  await drain(t.newWorker());
  await db.pool.query(
    "UPDATE segments SET slo_availability = 0.99, slo_latency_p95_ms = ? WHERE slug IN ('seg-spike', 'seg-slow')",
    [LATENCY_TARGET],
  );
  const [rows] = await db.pool.query(
    'SELECT s.slug AS segment, e.ts, e.status, e.latency_ms AS latency FROM events e JOIN segments s ON s.id = e.segment_id WHERE e.kind IN (1, 2)',
  );
  raw = (rows as RawRow[]).map((r) => ({
    segment: r.segment,
    ts: Number(r.ts),
    status: Number(r.status),
    latency: r.latency === null ? null : Number(r.latency),
  }));
}, 180_000);
afterAll(async () => db?.drop());

describe('GET /api/v1/trends', () => {
  const window = { from: T - 36 * HOUR, to: T + MINUTE };
  const query = `period=custom&from=${window.from}&to=${window.to}`;

  it('agrees with raw events on availability and error budget, exactly, for both periods', async () => {
    const body = await trends(query);
    expect(body.data.window).toEqual(window);
    expect(body.data.previousWindow).toEqual({
      from: window.from - 36 * HOUR - MINUTE,
      to: window.from,
    });
    for (const slug of ['seg-spike', 'seg-slow']) {
      const segment = body.data.segments.find((s) => s.slug === slug)!;
      for (const [figures, w] of [
        [segment.current, body.data.window],
        [segment.previous, body.data.previousWindow],
      ] as const) {
        const counts = rawCounts(slug, w.from, w.to);
        expect(counts.requests).toBeGreaterThan(0);
        expect({ requests: figures.requests, errors: figures.errors }).toEqual(counts);
        expect(figures.availability).toBeCloseTo(1 - counts.errors / counts.requests, 12);
        expect(figures.budget.allowed).toBeCloseTo(0.01 * counts.requests, 9);
        expect(figures.budget.spent).toBe(counts.errors);
      }
      const dailyTotal = segment.daily.reduce(
        (sum, d) => ({ requests: sum.requests + d.requests, errors: sum.errors + d.errors }),
        { requests: 0, errors: 0 },
      );
      expect(dailyTotal).toEqual(rawCounts(slug, window.from, window.to));
      expect(segment.burnDown.at(-1)?.remainingShare).toBeCloseTo(
        segment.current.budget.remainingShare!,
        9,
      );
    }
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect(spike.current.budget.remaining).toBeLessThan(0);
    expect(spike.current.meetsSlo).toBe(false);
  });

  it('computes each burn-rate window from the same counts as raw events and fires page and ticket as the rules say', async () => {
    const body = await trends(query);
    const at = body.data.alertsAt;
    for (const slug of ['seg-spike', 'seg-slow']) {
      const alerts = body.data.segments.find((s) => s.slug === slug)!.alerts;
      for (const alert of alerts) {
        for (const side of [alert.long, alert.short]) {
          const counts = rawCounts(slug, at - BURN_WINDOWS_MS[side.window as BurnWindow], at);
          expect(
            { requests: side.requests, errors: side.errors },
            `${slug} ${side.window}`,
          ).toEqual(counts);
          expect(side.burnRate).toBeCloseTo(burnRate(counts, 0.99)!, 9);
        }
      }
    }
    const firing = (slug: string) =>
      body.data.segments
        .find((s) => s.slug === slug)!
        .alerts.filter((a) => a.firing)
        .map((a) => a.rule);
    expect(firing('seg-spike')).toEqual(['page-fast', 'page-slow', 'ticket']);
    expect(firing('seg-slow')).toEqual(['ticket']);
  });

  it('derives the same incidents as the definition applied to raw minutes: one recovered spike, one ongoing', async () => {
    const body = await trends(query);
    const incidents = body.data.incidents.filter((i) => i.segment === 'seg-spike');
    const expected = rawIncidents(
      'seg-spike',
      body.data.previousWindow.from,
      body.data.alertsAt,
      0.99,
    ).filter((i) => i.end > window.from);
    expect(
      incidents.map(({ start, end, ongoing, errors, requests }) => ({
        start,
        end,
        ongoing,
        errors,
        requests,
      })),
    ).toEqual(
      expected.reverse().map(({ start, end, ongoing, errors, requests }) => ({
        start,
        end,
        ongoing,
        errors,
        requests,
      })),
    );
    expect(incidents.map((i) => [i.start, i.ongoing])).toEqual([
      [SPIKE2.from, true],
      [SPIKE1.from, false],
    ]);
    expect(incidents[1]!.durationMs).toBe(45 * MINUTE);
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect(spike.current).toMatchObject({
      incidents: 2,
      mttrMs: 45 * MINUTE,
      actions: 0,
      incidentsWithAction: 0,
    });
    expect(spike.previous.incidents).toBe(0);
    expect(body.data.incidents.filter((i) => i.segment === 'seg-slow')).toEqual([]);
    expect(body.data.actions.current.total).toBe(0);
    expect(body.data.actions.weeks).toEqual([]);
  });

  it('judges latency per minute for short windows within the estimator error of exact raw p95s', async () => {
    const body = await trends(query);
    const latency = body.data.segments.find((s) => s.slug === 'seg-slow')!.current.latency;
    const exact = rawCompliance('seg-slow', MINUTE, window.from, window.to);
    expect(latency.resolution).toBe('1m');
    expect(latency.judged).toBe(exact.judged);
    expect(Math.abs(latency.met - exact.met)).toBeLessThanOrEqual(exact.borderline);
    expect(latency.compliance!).toBeGreaterThan(0.5);
    expect(latency.compliance!).toBeLessThan(0.8);
  });

  it('judges latency per hour for 90 days, within the estimator error of exact hourly p95s', async () => {
    const body = await trends(`period=90d&to=${T + MINUTE}`);
    expect(body.data.window.to - body.data.window.from).toBe(90 * 86_400_000);
    const latency = body.data.segments.find((s) => s.slug === 'seg-slow')!.current.latency;
    const exact = rawCompliance('seg-slow', HOUR, body.data.window.from, body.data.window.to);
    expect(latency.resolution).toBe('1h');
    expect(latency.judged).toBe(exact.judged);
    expect(Math.abs(latency.met - exact.met)).toBeLessThanOrEqual(exact.borderline);
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect({ requests: spike.current.requests, errors: spike.current.errors }).toEqual(
      rawCounts('seg-spike', body.data.window.from, body.data.window.to),
    );
  });

  it('counts actions per week and outcome, and the incidents that had one, once actions exist', async () => {
    const [[segment]] = (await db.pool.query(
      "SELECT id FROM segments WHERE slug = 'seg-spike'",
    )) as unknown as [{ id: number }[]];
    const insert = (type: string, state: string, at: number) =>
      db.pool.query(
        `INSERT INTO actions (type, target_kind, target_slug, segment_id, params, rationale, evidence, state, proposer, policy_version, approvals_required, proposed_at, expires_at, updated_at)
         VALUES (?, 'entity', 'seg-spike-e0', ?, '{}', 'test', '{}', ?, 'operator', 'v', 1, ?, ?, ?)`,
        [type, segment!.id, state, at, at + HOUR, at],
      );
    await insert('restart_entity', 'executed', SPIKE1.from + 10 * MINUTE);
    await insert('drain_entity', 'rejected', SPIKE1.to + 3 * HOUR);
    await insert('restart_entity', 'failed', T - 40 * HOUR);
    // A different window from the tests above, so no shared answer from before the actions is reused.
    const body = await trends(
      `period=custom&from=${window.from}&to=${window.to + MINUTE}`,
      'admin',
    );
    const spike = body.data.segments.find((s) => s.slug === 'seg-spike')!;
    expect(spike.current).toMatchObject({ actions: 2, incidents: 2, incidentsWithAction: 1 });
    expect(spike.previous).toMatchObject({ actions: 1 });
    expect(body.data.incidents.find((i) => i.start === SPIKE1.from)?.actions).toBe(1);
    expect(body.data.actions.current).toMatchObject({
      total: 2,
      byOutcome: { executed: 1, rejected: 1, failed: 0 },
    });
    expect(body.data.actions.previous).toMatchObject({ total: 1, byOutcome: { failed: 1 } });
    expect(body.data.actions.weeks.reduce((sum, w) => sum + w.count, 0)).toBe(2);
    expect(body.data.actions.weeks.map((w) => [w.type, w.outcome])).toEqual(
      expect.arrayContaining([
        ['restart_entity', 'executed'],
        ['drain_entity', 'rejected'],
      ]),
    );
  });

  it('shares one answer for a preset ending now between readers and roles, each with its own request id and the time it was computed', async () => {
    const first = await trends('period=7d', 'manager');
    const second = await trends('period=7d', 'admin');
    expect(second.meta.generatedAt).toBe(first.meta.generatedAt);
    expect(second.meta.requestId).not.toBe(first.meta.requestId);
    expect(first.data.window.to).toBe(Math.ceil(first.meta.generatedAt / MINUTE) * MINUTE);
    expect(first.data.alertsAt).toBeLessThanOrEqual(first.meta.generatedAt);
  });

  it('answers managers, approvers and admins, and refuses operators with 403', async () => {
    for (const role of ['manager', 'approver', 'admin'] as const)
      expect((await t.get(`/api/v1/trends?${query}`, role)).status).toBe(200);
    const refused = await t.get(`/api/v1/trends?${query}`, 'operator');
    expect(refused.status).toBe(403);
  });

  it('rejects bad parameters with a 422 naming each field', async () => {
    const fields = async (q: string) => {
      const response = await t.get(`/api/v1/trends?${q}`, 'manager');
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        error: { code: string; details: { field: string }[] };
      };
      expect(body.error.code).toBe('validation_failed');
      return body.error.details.map((d) => d.field);
    };
    expect(await fields('period=fortnight')).toEqual(['period']);
    expect(await fields('period=7d&from=1000')).toEqual(['from']);
    expect(await fields('period=custom&from=yesterday&to=1000')).toEqual(['from']);
    expect(await fields(`period=custom&from=${T - 100 * 86_400_000}&to=${T}`)).toEqual(['from']);
    expect(await fields(`period=custom&from=${T}&to=${T - HOUR}`)).toEqual(['to']);
  });
});
