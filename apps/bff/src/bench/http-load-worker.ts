import { parentPort, workerData } from 'node:worker_threads';

/**
 * The HTTP load generator of the ingest bench, on a thread of its own: in production senders are
 * other machines, so the client's request writing and response parsing must not run on the
 * server's event loop and be counted as the server's cost.
 */
export interface HttpLoadJob {
  url: string;
  token: string;
  bodies: string[];
  sizes: number[];
  clients: number;
}

async function post(job: HttpLoadJob, index: number): Promise<void> {
  const response = await fetch(`${job.url}/api/v1/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    body: job.bodies[index]!,
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
  const result = (
    JSON.parse(text) as { data: { accepted: number; duplicates: number; rejected: unknown[] } }
  ).data;
  // A fast failure must never count as speed.
  if (result.accepted !== job.sizes[index])
    throw new Error(
      `ingest accepted ${result.accepted} of ${job.sizes[index]} (duplicates ${result.duplicates}, rejected ${result.rejected.length})`,
    );
}

async function run(job: HttpLoadJob): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.clients }, async () => {
      while (next < job.bodies.length) await post(job, next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

if (parentPort && workerData) {
  run(workerData as HttpLoadJob).then(
    (seconds) => parentPort!.postMessage({ seconds }),
    (error: unknown) => parentPort!.postMessage({ error: (error as Error).message }),
  );
}
