import { parentPort, workerData } from 'node:worker_threads';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { BenchEntity } from '../event-factory.ts';
import { SeededRandom } from '../stats.ts';
import { createTraceIdSource, encodeSpanBatch, planSpan, type PlannedSpan } from './otlp-spans.ts';

/**
 * The freshness bench's OTLP sender, on a thread of its own like a real sender on another machine:
 * its protobuf encoding must not run on the server's event loop. One request at a time, so
 * acknowledgement order is commit order.
 */
export interface OtlpSenderJob {
  url: string;
  token: string;
  fleet: BenchEntity[];
  ratePerSecond: number;
  seconds: number;
  batchSize: number;
}

/** One acknowledged batch: when its spans ended and how many it put in each entity-minute. */
export interface AckedBatch {
  endMs: number;
  size: number;
  counts: [entity: string, minute: number, spans: number][];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function run(job: OtlpSenderJob, report: (batch: AckedBatch) => void): Promise<void> {
  const rng = new SeededRandom(23);
  const nextTraceId = createTraceIdSource();
  const total = Math.round((job.ratePerSecond * job.seconds) / job.batchSize);
  const intervalMs = (1000 * job.batchSize) / job.ratePerSecond;
  const startedAt = Date.now();
  let cursor = 0;
  for (let k = 0; k < total; k += 1) {
    await sleep(startedAt + k * intervalMs - Date.now());
    const endMs = Date.now();
    const spans: PlannedSpan[] = [];
    for (let i = 0; i < job.batchSize; i += 1)
      spans.push(planSpan(rng, job.fleet[cursor++ % job.fleet.length]!, endMs));
    const response = await fetch(`${job.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${job.token}` },
      body: encodeSpanBatch(spans, nextTraceId),
    });
    const answer = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200 || answer.length !== 0)
      throw new Error(`/v1/traces answered ${response.status}: ${answer.toString('utf8')}`);
    const counts = new Map<string, [string, number, number]>();
    for (const span of spans) {
      // The stored ts is the span's start, to the millisecond, as the receiver computes it.
      const minute = bucketStart(Math.floor(span.endMs - span.latencyMs), '1m');
      const key = `${span.entity.entity}:${minute}`;
      const entry = counts.get(key);
      if (entry) entry[2] += 1;
      else counts.set(key, [span.entity.entity, minute, 1]);
    }
    report({ endMs, size: spans.length, counts: [...counts.values()] });
  }
}

if (parentPort && workerData) {
  run(workerData as OtlpSenderJob, (batch) => parentPort!.postMessage({ batch })).then(
    () => parentPort!.postMessage({ done: true }),
    (error: unknown) => parentPort!.postMessage({ error: (error as Error).message }),
  );
}
