import http from 'node:http';
import { summarize, type LatencySummary } from './latency-stats.ts';
import { requestPath, VIEW_LEVELS, type ViewLevel, type ViewRequest } from './view-sequences.ts';

/** What Chromium sends (as load-run.ts): servers may answer compressed as they would to a browser. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export interface SequenceLoadOptions {
  baseUrl: string;
  cookie: string;
  /** One sequence per connection; each connection walks its own, starting over at its end. */
  sequences: ViewRequest[][];
  /** Added to this process's clock to get the server's: live windows end at the server's now. */
  serverClockOffsetMs: number;
  warmupSeconds: number;
  seconds: number;
  /** Called right before and right after the measured run (after the warm-up), e.g. to read CPU counters. */
  onMeasured?: { start(): void; end(): void };
}

export interface LevelFigures extends LatencySummary {
  failures: number;
  failureCodes: Record<string, number>;
  /** The first failed request of the level and what came back, to say why without a rerun. */
  firstFailure?: string;
}

export interface SequenceLoadResult {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  levels: Record<ViewLevel, LevelFigures>;
}

interface Sample {
  level: ViewLevel;
  status: number | 'error';
  ms: number;
  /** Path and start of the body, for failures only. */
  failure?: string;
}

function send(
  agent: http.Agent,
  url: URL,
  path: string,
  cookie: string,
): Promise<{ status: number | 'error'; ms: number; body?: string }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const request = http.get(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path,
        headers: { cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
      },
      (response) => {
        // A 2xx body is read and dropped: decoding it would cost the load generator, not the server.
        const status = response.statusCode ?? 0;
        const failed = status < 200 || status >= 300;
        let body = '';
        response.on('data', (chunk: Buffer) => {
          if (failed && body.length < 300) body += chunk.toString('latin1');
        });
        response.on('end', () =>
          resolve({ status, ms: performance.now() - start, ...(failed ? { body } : {}) }),
        );
        response.on('error', () => resolve({ status: 'error', ms: performance.now() - start }));
      },
    );
    request.on('error', () => resolve({ status: 'error', ms: performance.now() - start }));
    // As autocannon's timeout in load-run.ts: a request with no answer in 60 s counts as failed.
    request.setTimeout(60_000, () => request.destroy());
  });
}

/**
 * Closed loop: each connection sends its next request as soon as the previous answer has been
 * read, until `seconds` are up; every response started is awaited, so none is cut off. A warm-up
 * of the same walks runs first and is thrown away; the measured run continues each walk where the
 * warm-up left it, so it does not replay the warm-up's requests.
 */
export async function runSequenceLoad(options: SequenceLoadOptions): Promise<SequenceLoadResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.sequences.length });
  const positions = options.sequences.map(() => 0);
  const run = async (seconds: number, samples: Sample[] | null) => {
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      options.sequences.map(async (sequence, connection) => {
        while (performance.now() < deadline) {
          const request = sequence[positions[connection]! % sequence.length]!;
          positions[connection]! += 1;
          const path = requestPath(request, Date.now() + options.serverClockOffsetMs);
          const { status, ms, body } = await send(agent, url, path, options.cookie);
          samples?.push({
            level: request.level,
            status,
            ms,
            ...(body === undefined ? {} : { failure: `${path} → ${status} ${body.slice(0, 300)}` }),
          });
        }
      }),
    );
  };
  try {
    await run(options.warmupSeconds, null);
    const samples: Sample[] = [];
    options.onMeasured?.start();
    const start = performance.now();
    await run(options.seconds, samples);
    const seconds = (performance.now() - start) / 1000;
    options.onMeasured?.end();
    return {
      seconds,
      requests: samples.length,
      requestsPerSecond: samples.length / seconds,
      levels: byLevel(samples),
    };
  } finally {
    agent.destroy();
  }
}

/** Exact percentiles of each level's 2xx responses, and its failures by status. */
export function byLevel(samples: readonly Sample[]): Record<ViewLevel, LevelFigures> {
  const out = {} as Record<ViewLevel, LevelFigures>;
  for (const level of VIEW_LEVELS) {
    const latencies: number[] = [];
    const failureCodes: Record<string, number> = {};
    let failures = 0;
    let firstFailure: string | undefined;
    for (const s of samples) {
      if (s.level !== level) continue;
      if (typeof s.status === 'number' && s.status >= 200 && s.status < 300) latencies.push(s.ms);
      else {
        failures += 1;
        firstFailure ??= s.failure ?? `${s.status}`;
        failureCodes[String(s.status)] = (failureCodes[String(s.status)] ?? 0) + 1;
      }
    }
    out[level] = {
      ...summarize(latencies),
      failures,
      failureCodes,
      ...(firstFailure === undefined ? {} : { firstFailure }),
    };
  }
  return out;
}
