import { monitorBackgroundActivity, type ActivitySummary } from './background-activity.ts';
import { createEventsCopy, truncateData, type BenchDatabase } from './bench-database.ts';
import {
  benchFleet,
  createIdSource,
  loadEntityRefs,
  makeEvents,
  toEventRow,
} from './event-factory.ts';
import { measureBreakdown, type BreakdownResult } from './ingest-breakdown.ts';
import { chunk, measureHttpIngest, measureRawInsert, postBatch } from './ingest-throughput.ts';
import { median } from './stats.ts';

export interface ThroughputConfig {
  batchSize: number;
  /** HTTP clients, and database connections for the raw figure. */
  concurrency: number;
  /** Events per second of each round. */
  http: number[];
  raw: number[];
  httpMedian: number;
  rawMedian: number;
}

export interface ThroughputPhase {
  eventsPerRun: number;
  rounds: number;
  configs: ThroughputConfig[];
  breakdown: BreakdownResult[];
  background: ActivitySummary;
}

export interface ThroughputPhaseOptions {
  bench: BenchDatabase;
  serverUrl: string;
  token: string;
  eventsPerRun: number;
  rounds: number;
  progress: (message: string) => void;
}

/** Both runs start with neither table holding rows (or buffer-pool pages) from an earlier run. */
async function emptyBoth(bench: BenchDatabase): Promise<void> {
  await bench.pool.query('TRUNCATE TABLE events_raw_bench');
  await truncateData(bench.pool);
}

const CONFIGS = [
  [1_000, 1],
  [1_000, 4],
  [5_000, 1],
  [5_000, 4],
] as const;

/**
 * Every configuration runs once per round, raw INSERT then HTTP, each on emptied tables with fresh
 * ids; the figure is the median round. Interleaving spreads other load on the machine over all of them.
 */
export async function runThroughputPhase(
  options: ThroughputPhaseOptions,
): Promise<ThroughputPhase> {
  const { bench, serverUrl, token, eventsPerRun, progress } = options;
  const fleet = benchFleet();
  for (const batch of chunk(
    makeEvents(fleet, 5_000, createIdSource('warm'), () => Date.now()),
    1_000,
  ))
    await postBatch(serverUrl, token, JSON.stringify({ events: batch }), batch.length);
  const refs = await loadEntityRefs(bench.pool);
  const monitor = monitorBackgroundActivity(bench.pool);
  try {
    await createEventsCopy(bench.pool, 'events_raw_bench');
    const runs = CONFIGS.map(() => ({ http: [] as number[], raw: [] as number[] }));
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const [i, [batchSize, concurrency]] of CONFIGS.entries()) {
        const base = Date.now();
        const tsOf = (n: number) => base - 60_000 + Math.floor((n * 60_000) / eventsPerRun);
        const rows = makeEvents(fleet, eventsPerRun, createIdSource('raw'), tsOf).map((event) =>
          toEventRow(event, refs, base),
        );
        await emptyBoth(bench);
        const raw = await measureRawInsert({
          url: bench.url,
          table: 'events_raw_bench',
          rows,
          batchSize,
          connections: concurrency,
        });
        await emptyBoth(bench);
        const http = await measureHttpIngest({
          url: serverUrl,
          token,
          events: makeEvents(fleet, eventsPerRun, createIdSource('http'), tsOf),
          batchSize,
          clients: concurrency,
        });
        runs[i]!.raw.push(raw.eventsPerSecond);
        runs[i]!.http.push(http.eventsPerSecond);
        progress(
          `round ${round} batch ${batchSize} × ${concurrency}: raw ${Math.round(raw.eventsPerSecond)} rows/s, HTTP ${Math.round(http.eventsPerSecond)} events/s`,
        );
      }
    }
    await bench.pool.query('DROP TABLE events_raw_bench');
    const breakdown: BreakdownResult[] = [];
    for (const batchSize of [1_000, 5_000]) {
      breakdown.push(
        await measureBreakdown({
          bench,
          serverUrl,
          token,
          fleet,
          refs,
          events: Math.round(eventsPerRun / 2),
          batchSize,
          rounds: options.rounds,
        }),
      );
      progress(
        `breakdown batch ${batchSize}: ${breakdown
          .at(-1)!
          .steps.map((step) => Math.round(step.eventsPerSecond))
          .join(' → ')} events/s`,
      );
    }
    const configs = CONFIGS.map(([batchSize, concurrency], i) => ({
      batchSize,
      concurrency,
      ...runs[i]!,
      httpMedian: median(runs[i]!.http),
      rawMedian: median(runs[i]!.raw),
    }));
    return {
      eventsPerRun,
      rounds: options.rounds,
      configs,
      breakdown,
      background: await monitor.stop(),
    };
  } finally {
    await monitor.stop();
  }
}
