import { Worker } from 'node:worker_threads';
import type { Pool } from '../../db/pool.ts';
import { truncateData, type BenchDatabase } from '../bench-database.ts';
import { benchFleet, createIdSource, makeEvents } from '../event-factory.ts';
import { chunk, measureHttpIngest } from '../ingest-throughput.ts';
import { median, SeededRandom } from '../stats.ts';
import type { OtlpLoadJob } from './otlp-load-worker.ts';
import { createTraceIdSource, encodeSpanBatch, planSpan } from './otlp-spans.ts';

export interface OtlpComparison {
  spansPerRun: number;
  rounds: number;
  batchSize: number;
  clients: number;
  /** Mean protobuf bytes per span of the bodies sent. */
  bytesPerSpan: number;
  otlp: number[];
  json: number[];
  otlpMedian: number;
  jsonMedian: number;
  /** Median of the per-round OTLP / JSON ratios: each ratio's two runs saw the same background. */
  ratio: number;
}

/** Runs the OTLP load thread over prepared bodies; resolves with the seconds it took. */
function runOtlpLoad(job: OtlpLoadJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./otlp-load-worker.ts', import.meta.url).href;
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

async function countEvents(pool: Pool): Promise<number> {
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM events');
  return Number((rows as { n: number }[])[0]!.n);
}

/**
 * OTLP protobuf spans/s and JSON events/s through the same server, alternating in every round
 * (OTLP then JSON, each on emptied tables) so whatever else loads the machine hits both; the
 * figure is the median round. Every span is a SERVER span, so each is one stored event.
 */
export async function compareOtlpWithJson(options: {
  bench: BenchDatabase;
  serverUrl: string;
  token: string;
  spansPerRun: number;
  rounds: number;
  batchSize: number;
  clients: number;
  progress: (message: string) => void;
}): Promise<OtlpComparison> {
  const { bench, serverUrl, token, spansPerRun, batchSize, clients } = options;
  const fleet = benchFleet();
  const nextTraceId = createTraceIdSource();
  const otlp: number[] = [];
  const json: number[] = [];
  let bytes = 0;
  // Warm-up, untimed: registers the fleet and lets both paths' code reach its optimised form.
  const warmRng = new SeededRandom(0);
  const warmSpans = Array.from({ length: 10_000 }, (_, n) =>
    planSpan(warmRng, fleet[n % fleet.length]!, Date.now() - 120_000),
  );
  await runOtlpLoad({
    url: serverUrl,
    token,
    bodies: chunk(warmSpans, batchSize).map((batch) => encodeSpanBatch(batch, nextTraceId)),
    clients,
  });
  await measureHttpIngest({
    url: serverUrl,
    token,
    events: makeEvents(fleet, 10_000, createIdSource('warm'), () => Date.now() - 120_000),
    batchSize,
    clients,
  });
  for (let round = 1; round <= options.rounds; round += 1) {
    const base = Date.now();
    const tsOf = (n: number) => base - 60_000 + Math.floor((n * 60_000) / spansPerRun);
    const rng = new SeededRandom(round);
    const spans = Array.from({ length: spansPerRun }, (_, n) =>
      planSpan(rng, fleet[n % fleet.length]!, tsOf(n)),
    );
    const bodies = chunk(spans, batchSize).map((batch) => encodeSpanBatch(batch, nextTraceId));
    bytes = bodies.reduce((sum, body) => sum + body.length, 0);
    await truncateData(bench.pool);
    const otlpSeconds = await runOtlpLoad({ url: serverUrl, token, bodies, clients });
    const stored = await countEvents(bench.pool);
    if (stored !== spansPerRun)
      throw new Error(`OTLP run stored ${stored} events of ${spansPerRun} spans`);
    await truncateData(bench.pool);
    const http = await measureHttpIngest({
      url: serverUrl,
      token,
      events: makeEvents(fleet, spansPerRun, createIdSource('json'), tsOf),
      batchSize,
      clients,
    });
    otlp.push(spansPerRun / otlpSeconds);
    json.push(http.eventsPerSecond);
    options.progress(
      `OTLP round ${round} batch ${batchSize} × ${clients}: OTLP ${Math.round(otlp.at(-1)!)} spans/s, JSON ${Math.round(json.at(-1)!)} events/s`,
    );
  }
  return {
    spansPerRun,
    rounds: options.rounds,
    batchSize,
    clients,
    bytesPerSpan: bytes / spansPerRun,
    otlp,
    json,
    otlpMedian: median(otlp),
    jsonMedian: median(json),
    ratio: median(otlp.map((value, i) => value / json[i]!)),
  };
}
