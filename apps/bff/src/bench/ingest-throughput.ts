import { Worker } from 'node:worker_threads';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import type { HttpLoadJob } from './http-load-worker.ts';
import { createPool, type Pool } from '../db/pool.ts';
import type { EventRow } from '../modules/ingest/ingest.repository.ts';

export interface ThroughputResult {
  path: 'http' | 'raw';
  batchSize: number;
  /** HTTP clients or database connections working at once. */
  concurrency: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Runs `concurrency` loops that each take the next job until none is left. */
async function drain<T>(
  jobs: readonly T[],
  concurrency: number,
  run: (job: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await run(job);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

/** POSTs one ingest batch and insists every event was accepted, so a fast failure never counts as speed. */
export async function postBatch(
  url: string,
  token: string,
  body: string,
  expected: number,
): Promise<void> {
  const response = await fetch(`${url}/api/v1/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
  const result = (
    JSON.parse(text) as { data: { accepted: number; duplicates: number; rejected: unknown[] } }
  ).data;
  if (result.accepted !== expected) {
    throw new Error(
      `ingest accepted ${result.accepted} of ${expected} (duplicates ${result.duplicates}, rejected ${result.rejected.length}): ${JSON.stringify(result.rejected.slice(0, 2))}`,
    );
  }
}

/** Runs the load generator on its own thread and resolves with the seconds it took. */
function runLoadThread(job: HttpLoadJob): Promise<number> {
  return new Promise((resolve, reject) => {
    // Threads do not inherit the TypeScript loader the bench was started with: register it first.
    const entry = new URL('./http-load-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', (message: { seconds?: number; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.seconds!);
    });
    worker.once('error', reject);
  });
}

/**
 * Events per second through POST /api/v1/ingest/events. Bodies are serialised before the clock
 * starts and sent from another thread, so the figure is the server's (parse, validate, resolve,
 * insert, commit), not the client's.
 */
export async function measureHttpIngest(options: {
  url: string;
  token: string;
  events: readonly IngestEventInput[];
  batchSize: number;
  clients: number;
}): Promise<ThroughputResult> {
  const batches = chunk(options.events, options.batchSize);
  const seconds = await runLoadThread({
    url: options.url,
    token: options.token,
    bodies: batches.map((batch) => JSON.stringify({ events: batch })),
    sizes: batches.map((batch) => batch.length),
    clients: options.clients,
  });
  return {
    path: 'http',
    batchSize: options.batchSize,
    concurrency: options.clients,
    events: options.events.length,
    seconds,
    eventsPerSecond: options.events.length / seconds,
  };
}

const RAW_COLUMNS =
  'event_id, ts, segment_id, entity_id, kind, status, error_class, latency_ms, latency_bucket, value, message, attrs, ingested_at, trace_id';

/**
 * The database's own ceiling on this machine: plain multi-row INSERT of the same rows and columns
 * into a table with the schema of `events` (same keys), one statement per batch, autocommit.
 */
export async function measureRawInsert(options: {
  url: string;
  table: string;
  rows: readonly EventRow[];
  batchSize: number;
  connections: number;
}): Promise<ThroughputResult> {
  const pool: Pool = createPool({ url: options.url, connectionLimit: options.connections });
  try {
    const warm = await Promise.all(
      Array.from({ length: options.connections }, () => pool.getConnection()),
    );
    for (const conn of warm) conn.release();
    const batches = chunk(options.rows, options.batchSize);
    const started = performance.now();
    await drain(batches, options.connections, async (batch) => {
      await pool.query(`INSERT INTO ${options.table} (${RAW_COLUMNS}) VALUES ?`, [batch]);
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      path: 'raw',
      batchSize: options.batchSize,
      concurrency: options.connections,
      events: options.rows.length,
      seconds,
      eventsPerSecond: options.rows.length / seconds,
    };
  } finally {
    await pool.end();
  }
}
