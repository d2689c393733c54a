import type { Pool } from '../db/pool.ts';

export interface Mismatch {
  table: string;
  scope: string;
  bucket: number;
  raw: string;
  rollup: string;
}

/**
 * Recomputes counts per bucket straight from raw events with plain SQL (independently of the
 * worker's code) and lists every bucket, at every resolution and scope, where rollups differ.
 */
export async function compareRollupsWithRaw(pool: Pool): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const [table, size] of [
    ['rollups_1m', 60_000],
    ['rollups_1h', 3_600_000],
    ['rollups_1d', 86_400_000],
  ] as const) {
    for (const [kind, column] of [
      [1, 'entity_id'],
      [2, 'segment_id'],
      [3, '0'],
    ] as const) {
      const [raw] = await pool.query(
        `SELECT ${column} AS scope_id, FLOOR(ts / ${size}) * ${size} AS bucket, COUNT(*) AS events,
                SUM(CASE WHEN kind IN (1, 2) THEN 1 ELSE 0 END) AS requests,
                SUM(CASE WHEN kind IN (1, 2) AND status = 1 THEN 1 ELSE 0 END) AS errors
           FROM events GROUP BY scope_id, bucket`,
      );
      const [rolled] = await pool.query(
        `SELECT scope_id, bucket_ts AS bucket, events, requests, errors FROM ${table} WHERE scope_kind = ?`,
        [kind],
      );
      const fmt = (r: { events: number; requests: number; errors: number }) =>
        `${Number(r.events)}/${Number(r.requests)}/${Number(r.errors)}`;
      const expected = new Map(
        (
          raw as {
            scope_id: number;
            bucket: number;
            events: number;
            requests: number;
            errors: number;
          }[]
        ).map((r) => [`${r.scope_id}:${Number(r.bucket)}`, fmt(r)]),
      );
      const actual = new Map(
        (
          rolled as {
            scope_id: number;
            bucket: number;
            events: number;
            requests: number;
            errors: number;
          }[]
        ).map((r) => [`${r.scope_id}:${Number(r.bucket)}`, fmt(r)]),
      );
      for (const key of new Set([...expected.keys(), ...actual.keys()])) {
        if (expected.get(key) !== actual.get(key)) {
          const [scope, bucket] = key.split(':');
          mismatches.push({
            table,
            scope: `${['', 'entity', 'segment', 'fleet'][kind]} ${scope}`,
            bucket: Number(bucket),
            raw: expected.get(key) ?? 'none',
            rollup: actual.get(key) ?? 'none',
          });
        }
      }
    }
  }
  return mismatches;
}

/** Runs the worker until it finds nothing to do, then releases its lease. */
export async function drain(worker: {
  tick(o?: { reconcile?: boolean }): Promise<{ kind: string }>;
  stop(): Promise<void>;
}): Promise<void> {
  try {
    for (let i = 0; i < 1_000; i++) {
      const result = await worker.tick({ reconcile: false });
      if (result.kind === 'not_leader') throw new Error('another worker holds the lease');
      if (result.kind !== 'ran') return;
    }
    throw new Error('worker did not drain');
  } finally {
    await worker.stop();
  }
}
