import { Worker } from 'node:worker_threads';
import type { Pool } from '../../db/pool.ts';
import type { BenchEntity } from '../event-factory.ts';
import { distribution, type Distribution } from '../stats.ts';
import type { AckedBatch, OtlpSenderJob } from './otlp-freshness-sender.ts';

export interface OtlpFreshnessResult {
  targetRate: number;
  achievedRate: number;
  spans: number;
  batches: number;
  /** Span end → its request counted in rollups_1m, per span (ms). */
  lagMs: Distribution;
  uncoveredSpans: number;
}

interface SentBatch {
  endMs: number;
  size: number;
  firstMinute: number;
  /** entity-minute → rollup event count that proves the batch is rolled up. */
  needs: [string, number][];
  coveredAt: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * SERVER spans over OTLP/HTTP protobuf at a steady rate from a sender thread, each batch made of
 * spans that ended as it was sent, with the rollup worker running; rollups_1m is polled until
 * every batch's entity-minutes show its spans: the lag from the end of a request to the chart.
 */
export async function measureOtlpFreshness(options: {
  url: string;
  token: string;
  pool: Pool;
  fleet: readonly BenchEntity[];
  entityIds: Map<string, number>;
  ratePerSecond: number;
  seconds: number;
  batchSize: number;
  pollMs?: number;
}): Promise<OtlpFreshnessResult> {
  const pollMs = options.pollMs ?? 100;
  const acked = new Map<string, number>();
  const sent: SentBatch[] = [];
  let pending: SentBatch[] = [];
  let sending = true;
  let lastAck = Date.now();

  const poller = (async () => {
    while (sending || pending.length > 0) {
      await sleep(pollMs);
      if (pending.length === 0) continue;
      const snapshotAt = Date.now();
      const [rows] = await options.pool.query(
        'SELECT scope_id, bucket_ts, events FROM rollups_1m WHERE scope_kind = 1 AND bucket_ts >= ?',
        [Math.min(...pending.map((batch) => batch.firstMinute))],
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
      if (!sending && Date.now() - lastAck > 60_000) break;
    }
  })();

  const startedAt = Date.now();
  const job: OtlpSenderJob = {
    url: options.url,
    token: options.token,
    fleet: [...options.fleet],
    ratePerSecond: options.ratePerSecond,
    seconds: options.seconds,
    batchSize: options.batchSize,
  };
  try {
    await runSender(job, (batch) => {
      lastAck = Date.now();
      const entry: SentBatch = {
        endMs: batch.endMs,
        size: batch.size,
        coveredAt: null,
        ...requirements(batch, options.entityIds, acked),
      };
      sent.push(entry);
      pending.push(entry);
    });
  } catch (error) {
    pending = [];
    throw error;
  } finally {
    sending = false;
    await poller;
  }
  const lags: number[] = [];
  for (const batch of sent)
    if (batch.coveredAt !== null)
      for (let i = 0; i < batch.size; i += 1) lags.push(batch.coveredAt - batch.endMs);
  const spans = sent.reduce((sum, batch) => sum + batch.size, 0);
  return {
    targetRate: options.ratePerSecond,
    achievedRate: spans / ((lastAck - startedAt) / 1000),
    spans,
    batches: sent.length,
    lagMs: distribution(lags),
    uncoveredSpans: spans - lags.length,
  };
}

function runSender(job: OtlpSenderJob, onBatch: (batch: AckedBatch) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./otlp-freshness-sender.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.on('message', (message: { batch?: AckedBatch; done?: boolean; error?: string }) => {
      if (message.batch) return onBatch(message.batch);
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve();
    });
    worker.once('error', reject);
  });
}

/** Per entity-minute, the cumulative count acknowledged up to and including this batch. */
function requirements(
  batch: AckedBatch,
  entityIds: Map<string, number>,
  acked: Map<string, number>,
): Pick<SentBatch, 'firstMinute' | 'needs'> {
  let firstMinute = Number.POSITIVE_INFINITY;
  const needs: [string, number][] = [];
  for (const [entity, minute, spans] of batch.counts) {
    firstMinute = Math.min(firstMinute, minute);
    const entityId = entityIds.get(entity);
    if (entityId === undefined) throw new Error(`entity ${entity} has no id`);
    const key = `${entityId}:${minute}`;
    const cumulative = (acked.get(key) ?? 0) + spans;
    acked.set(key, cumulative);
    needs.push([key, cumulative]);
  }
  return { firstMinute, needs };
}
