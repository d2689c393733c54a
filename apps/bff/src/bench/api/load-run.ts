import autocannon from 'autocannon';
import { stopKeepingResponseBodies } from './autocannon-bodies.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';

stopKeepingResponseBodies();

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  /** Target length of the measured run; the request count is sized from the warm-up's rate. */
  seconds: number;
  warmupSeconds: number;
}

export interface LoadResult extends LatencySummary {
  requestsPerSecond: number;
  seconds: number;
  /** Responses other than 2xx, plus connection errors and timeouts: a scenario with any is suspect. */
  failures: number;
  /** The failures by HTTP status ("error" for connection errors and timeouts). */
  failureCodes: Record<string, number>;
}

type Limit = { duration: number } | { amount: number };

/** What Chromium sends: the load is a dashboard's, so servers may answer compressed as they would to one. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

function fire(
  options: LoadOptions,
  limit: Limit,
  onResponse?: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, ...options.headers },
        connections: options.connections,
        timeout: 60,
        ...limit,
      },
      (error: unknown, result: autocannon.Result) =>
        error ? reject(error as Error) : resolve(result),
    );
    if (onResponse)
      instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/**
 * A timed run ends by dropping the requests still in flight, but the server goes on working on
 * them; one request waited for afterwards queues behind that backlog, so the next run starts idle.
 */
async function drain(options: LoadOptions): Promise<void> {
  const response = await fetch(options.url, { headers: options.headers });
  await response.arrayBuffer();
}

/**
 * Closed-loop load at a fixed number of connections. A timed warm-up (thrown away, then drained)
 * gives the rate; the measured run then sends a fixed number of requests sized to last about
 * `seconds` and waits for every response, so no slow request is cut off at the end and none is
 * left running on the server. Latencies are every 2xx response's own time, so p95 is exact.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const warmup = await fire(options, { duration: options.warmupSeconds });
  await drain(options);
  const warmRate = (warmup.requests.total ?? 0) / Math.max(warmup.duration, 0.001);
  const amount = Math.max(options.connections * 4, Math.round(warmRate * options.seconds));
  const latencies: number[] = [];
  const failureCodes: Record<string, number> = {};
  const result = await fire(options, { amount }, (status, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else failureCodes[status] = (failureCodes[status] ?? 0) + 1;
  });
  if (result.errors + result.timeouts > 0) failureCodes.error = result.errors + result.timeouts;
  const failures = Object.values(failureCodes).reduce((sum, n) => sum + n, 0);
  return {
    ...summarize(latencies),
    requestsPerSecond: latencies.length / result.duration,
    seconds: result.duration,
    failures,
    failureCodes,
  };
}
