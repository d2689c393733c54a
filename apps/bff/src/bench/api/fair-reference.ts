import type { DatasetInfo } from './dataset-marker.ts';
import { measureSequences, type LoadShape, type MeasuredSequences } from './distinct-views.ts';
import { median } from './latency-stats.ts';
import { assertSameAnswer, referenceOfProductAnswer } from './segment-reference.ts';
import { startServerProcess } from './server-process.ts';
import type { SegmentDetail } from '@watchfloor/shared/drilldown';
import { distinctDaySequences } from './view-sequences.ts';

const DAY = 86_400_000;
/** Windows per connection: 50 × 400 = 20,000 distinct 24 h windows, more than a run sends. */
const REQUESTS_PER_CONNECTION = 400;

export interface FairReferenceResult {
  segment: string;
  /** The windows whose answers were compared byte for byte (all identical, or the run failed). */
  compared: { window: string; bytes: number }[];
  /** Every round of each side, in the order run. */
  product: MeasuredSequences[];
  bare: MeasuredSequences[];
}

/** Medians over the rounds of one side: req/s, segment p50/p95, CPU per request. */
export function referenceMedians(runs: readonly MeasuredSequences[]) {
  const of = (pick: (run: MeasuredSequences) => number | null) => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? median(values) : null;
  };
  return {
    requestsPerSecond: of((r) => r.requestsPerSecond) ?? 0,
    p50: of((r) => r.levels.segment.p50) ?? Number.NaN,
    p95: of((r) => r.levels.segment.p95) ?? Number.NaN,
    serverCpuMsPerRequest: of((r) => r.serverCpuMsPerRequest),
    dbCpuMsPerRequest: of((r) => r.dbCpuMsPerRequest),
    failures: runs.reduce((sum, r) => sum + r.levels.segment.failures, 0),
  };
}

/**
 * The product's segment 24 h view against the bare reference (bare-server.ts): first the rollup
 * part of both answers for three windows (minute-aligned, whole seconds, milliseconds) must be the
 * same bytes, else the run fails showing the first difference; then both serve the same load of
 * distinct 24 h windows, so each computes every answer, in alternating order per round.
 */
export async function runFairReference(
  info: DatasetInfo,
  bff: { url: string; pid: number; cookie: string },
  options: { dbPoolSize: number; load: LoadShape; rounds: number; progress: (m: string) => void },
): Promise<FairReferenceResult> {
  const segment = info.segment.slug;
  const bare = await startServerProcess({
    kind: 'bare',
    mysqlUrl: info.url,
    connectionLimit: options.dbPoolSize,
  });
  try {
    const compared: FairReferenceResult['compared'] = [];
    for (const to of [info.endTs, info.endTs - 37_000, info.endTs - 12_345]) {
      const path = `/api/v1/segments/${segment}?from=${to - DAY}&to=${to}`;
      const productResponse = await fetch(`${bff.url}${path}`, { headers: { cookie: bff.cookie } });
      if (!productResponse.ok)
        throw new Error(
          `product ${path}: HTTP ${productResponse.status} ${(await productResponse.text()).slice(0, 300)}`,
        );
      const product = referenceOfProductAnswer(
        ((await productResponse.json()) as { data: SegmentDetail }).data,
      );
      const bareResponse = await fetch(`${bare.url}${path}`);
      const bareText = await bareResponse.text();
      if (!bareResponse.ok)
        throw new Error(`bare ${path}: HTTP ${bareResponse.status} ${bareText.slice(0, 300)}`);
      assertSameAnswer(path, product, bareText);
      compared.push({
        window: `${new Date(to - DAY).toISOString()} – ${new Date(to).toISOString()}`,
        bytes: bareText.length,
      });
    }
    options.progress(
      `${info.spec.label}: bare reference answers the product's bytes for ${compared.length} windows`,
    );
    const sequences = distinctDaySequences(
      segment,
      info.endTs,
      options.load.connections,
      REQUESTS_PER_CONNECTION,
    );
    const sides = [
      {
        name: 'product',
        server: { ...bff, serverClockOffsetMs: 0 },
        runs: [] as MeasuredSequences[],
      },
      {
        name: 'bare',
        server: { url: bare.url, pid: bare.pid, cookie: '', serverClockOffsetMs: 0 },
        runs: [] as MeasuredSequences[],
      },
    ];
    for (let round = 0; round < options.rounds; round += 1) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const run = await measureSequences(side.server, sequences, options.load);
        options.progress(
          `${info.spec.label}: segment 24 h, distinct windows, ${side.name}: p95 ${run.levels.segment.p95.toFixed(1)} ms, ${run.requestsPerSecond.toFixed(0)} req/s`,
        );
        side.runs.push(run);
      }
    }
    return { segment, compared, product: sides[0]!.runs, bare: sides[1]!.runs };
  } finally {
    await bare.stop();
  }
}
