import { parentPort, workerData } from 'node:worker_threads';

/** The OTLP load generator, on its own thread like the JSON one (http-load-worker.ts). */
export interface OtlpLoadJob {
  url: string;
  token: string;
  bodies: Uint8Array[];
  clients: number;
}

async function post(job: OtlpLoadJob, index: number): Promise<void> {
  const response = await fetch(`${job.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${job.token}` },
    body: job.bodies[index]!,
  });
  const answer = new Uint8Array(await response.arrayBuffer());
  // 200 with an empty ExportTraceServiceResponse: every span taken. Anything else is a failure,
  // never speed.
  if (response.status !== 200 || answer.length !== 0)
    throw new Error(
      `/v1/traces answered ${response.status} with ${Buffer.from(answer).toString('utf8').slice(0, 300)}`,
    );
}

async function run(job: OtlpLoadJob): Promise<number> {
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
  run(workerData as OtlpLoadJob).then(
    (seconds) => parentPort!.postMessage({ seconds }),
    (error: unknown) => parentPort!.postMessage({ error: (error as Error).message }),
  );
}
