import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { Pool } from '../db/pool.ts';
import { createIdSource, makeEvent, type BenchEntity } from './event-factory.ts';
import { postBatch } from './ingest-throughput.ts';
import { distribution, SeededRandom, type Distribution } from './stats.ts';

export interface FreshnessOptions {
  url: string;
  token: string;
  /** Bench pool, used to poll rollups_1m and read worker_runs. */
  pool: Pool;
  fleet: readonly BenchEntity[];
  entityIds: Map<string, number>;
  ratePerSecond: number;
  seconds: number;
  batchSize: number;
  pollMs?: number;
  drainTimeoutMs?: number;
}

export interface FreshnessResult {
  targetRate: number;
  achievedRate: number;
  events: number;
  batches: number;
  /** Ack → rollup visible, per event (ms). */
  lagMs: Distribution;
  uncoveredEvents: number;
  pollMs: number;
  workerRuns: { count: number; lagMs: Distribution; durationMs: Distribution; rowsInMean: number };
}

interface SentBatch {
  ackAt: number;
  size: number;
  firstMinute: number;
  /** entity-minute key → rollup event count that proves this batch is rolled up. */
  needs: [string, number][];
  coveredAt: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Drives a steady rate with one sequential sender (so acknowledgement order is commit order) and
 * polls rollups_1m. A batch counts as rolled up at the first poll whose snapshot shows, for every
 * entity-minute it touched, at least as many events as were acknowledged up to and including it.
 */
export async function measureFreshness(options: FreshnessOptions): Promise<FreshnessResult> {
  const pollMs = options.pollMs ?? 100;
  const rng = new SeededRandom(11);
  const nextId = createIdSource('fresh');
  const acked = new Map<string, number>();
  const sent: SentBatch[] = [];
  let pending: SentBatch[] = [];
  let sending = true;
  let entityCursor = 0;
  let lastAck = Date.now();

  const poller = (async () => {
    while (sending || pending.length > 0) {
      await sleep(pollMs);
      if (pending.length === 0) continue;
      const snapshotAt = Date.now();
      const from = Math.min(...pending.map((batch) => batch.firstMinute));
      const [rows] = await options.pool.query(
        'SELECT scope_id, bucket_ts, events FROM rollups_1m WHERE scope_kind = 1 AND bucket_ts >= ?',
        [from],
      );
      const seen = new Map(
        (rows as { scope_id: number; bucket_ts: number; events: number }[]).map((row) => [
          `${row.scope_id}:${Number(row.bucket_ts)}`,
          Number(row.events),
        ]),
      );
      for (const batch of pending)
        if (batch.needs.every(([key, required]) => (seen.get(key) ?? 0) >= required))
          batch.coveredAt = snapshotAt;
      pending = pending.filter((batch) => batch.coveredAt === null);
      if (!sending && Date.now() - lastAck > (options.drainTimeoutMs ?? 60_000)) break;
    }
  })();

  const total = Math.round((options.ratePerSecond * options.seconds) / options.batchSize);
  const intervalMs = (1000 * options.batchSize) / options.ratePerSecond;
  const startedAt = Date.now();
  try {
    for (let k = 0; k < total; k += 1) {
      await sleep(startedAt + k * intervalMs - Date.now());
      const events: IngestEventInput[] = [];
      for (let i = 0; i < options.batchSize; i += 1)
        events.push(
          makeEvent(
            rng,
            options.fleet[entityCursor++ % options.fleet.length]!,
            nextId(),
            Date.now(),
          ),
        );
      await postBatch(options.url, options.token, JSON.stringify({ events }), events.length);
      lastAck = Date.now();
      const batch: SentBatch = {
        ackAt: lastAck,
        size: events.length,
        coveredAt: null,
        ...requirements(events, options.entityIds, acked),
      };
      sent.push(batch);
      pending.push(batch);
    }
  } catch (error) {
    pending = [];
    throw error;
  } finally {
    sending = false;
    await poller;
  }
  const sendSeconds = (lastAck - startedAt) / 1000;

  const lags: number[] = [];
  for (const batch of sent)
    if (batch.coveredAt !== null)
      for (let i = 0; i < batch.size; i += 1) lags.push(batch.coveredAt - batch.ackAt);
  const events = sent.reduce((sum, batch) => sum + batch.size, 0);
  return {
    targetRate: options.ratePerSecond,
    achievedRate: events / sendSeconds,
    events,
    batches: sent.length,
    lagMs: distribution(lags),
    uncoveredEvents: events - lags.length,
    pollMs,
    workerRuns: await workerRunsSince(options.pool, startedAt),
  };
}

/** Per entity-minute, the cumulative acknowledged count this batch brings it to. */
function requirements(
  events: readonly IngestEventInput[],
  entityIds: Map<string, number>,
  acked: Map<string, number>,
): Pick<SentBatch, 'firstMinute' | 'needs'> {
  const counts = new Map<string, number>();
  let firstMinute = Number.POSITIVE_INFINITY;
  for (const event of events) {
    const minute = bucketStart(event.ts as number, '1m');
    firstMinute = Math.min(firstMinute, minute);
    const entityId = entityIds.get(event.entity);
    if (entityId === undefined) throw new Error(`entity ${event.entity} has no id`);
    const key = `${entityId}:${minute}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const needs: [string, number][] = [];
  for (const [key, n] of counts) {
    const cumulative = (acked.get(key) ?? 0) + n;
    acked.set(key, cumulative);
    needs.push([key, cumulative]);
  }
  return { firstMinute, needs };
}

async function workerRunsSince(pool: Pool, since: number): Promise<FreshnessResult['workerRuns']> {
  const [rows] = await pool.query(
    "SELECT lag_ms, duration_ms, rows_in FROM worker_runs WHERE started_at >= ? AND status = 'ok'",
    [since],
  );
  const runs = rows as { lag_ms: number; duration_ms: number; rows_in: number }[];
  return {
    count: runs.length,
    lagMs: distribution(runs.map((run) => Number(run.lag_ms))),
    durationMs: distribution(runs.map((run) => Number(run.duration_ms))),
    rowsInMean:
      runs.length === 0 ? 0 : runs.reduce((sum, run) => sum + Number(run.rows_in), 0) / runs.length,
  };
}
