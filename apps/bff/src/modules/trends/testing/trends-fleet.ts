import { afterAll, beforeAll, expect } from 'vitest';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import {
  findIncidents,
  isBurningHour,
  type MinuteCounts,
} from '@watchfloor/shared/trends/incidents';
import { TrendsResponseSchema, type TrendsResponse } from '@watchfloor/shared/trends/api';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { drain } from '../../../testing/rollup-truth.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const T = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const DATA_FROM = T - 50 * HOUR;
/** Spike 1: every seg-spike request fails for 45 minutes, 30 hours ago. Spike 2: the last 50 minutes, still going. */
export const SPIKE1 = { from: T - 30 * HOUR, to: T - 30 * HOUR + 45 * MINUTE };
export const SPIKE2 = { from: T - 50 * MINUTE, to: T + MINUTE };
const LATENCY_TARGET = 200;

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

interface RawRow {
  segment: string;
  ts: number;
  status: number;
  latency: number | null;
}

const exactP95 = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(0.95 * sorted.length)) - 1]!;
};

/**
 * Fifty hours of traffic with two error spikes, rolled up, in a database of the calling file's own,
 * with both segments' SLOs set. Registers the file's hooks; the handles are read once its tests
 * run, and the raw* functions answer from the stored raw events, with none of the rollup code.
 */
export function useTrendsFleet() {
  let db: TestDatabase | undefined;
  let t: TestApp | undefined;
  let raw: RawRow[] = [];

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

  const ready = <V>(value: V | undefined): V => {
    if (value === undefined) throw new Error('the trends fleet is read before its beforeAll ran');
    return value;
  };

  return {
    get db(): TestDatabase {
      return ready(db);
    },
    get t(): TestApp {
      return ready(t);
    },

    async trends(
      query: string,
      role: 'manager' | 'approver' | 'admin' = 'manager',
    ): Promise<TrendsResponse> {
      const response = await ready(t).get(`/api/v1/trends?${query}`, role);
      expect(response.status, await response.clone().text()).toBe(200);
      return TrendsResponseSchema.parse(await response.json());
    },

    /** Counts straight from raw events. */
    rawCounts(segment: string, fromTs: number, toTs: number) {
      const rows = raw.filter((r) => r.segment === segment && r.ts >= fromTs && r.ts < toTs);
      return { requests: rows.length, errors: rows.filter((r) => r.status === 1).length };
    },

    /** Exact compliance from raw latencies, and how many buckets sit within the estimator's 5 % of the target. */
    rawCompliance(segment: string, size: number, fromTs: number, toTs: number) {
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
    },

    rawIncidents(segment: string, fromTs: number, dataEnd: number, slo: number) {
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
    },
  };
}
