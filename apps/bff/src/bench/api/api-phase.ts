import type { DatasetInfo } from './dataset-marker.ts';
import { prepareOperator, signIn } from './bench-session.ts';
import { deepCursor, type DeepCursor } from './events-cursor.ts';
import { runLoad, type LoadResult } from './load-run.ts';
import { runDistinctViews, type MeasuredSequences } from './distinct-views.ts';
import { runFairReference, type FairReferenceResult } from './fair-reference.ts';
import { apiScenarios, probeScenario, type ApiScenario, type Probe } from './scenarios.ts';
import { startServerProcess } from './server-process.ts';
import { compareViews, type ViewComparison } from './view-comparison.ts';
import { createPool } from '../../db/pool.ts';

const DAY = 86_400_000;
/**
 * A scenario whose single unloaded request takes longer than this is not put under load: 50
 * connections would only queue behind it, and the database would keep running the abandoned
 * queries into the next scenarios. It is reported with its single-request time and fails.
 */
const MAX_PROBE_MS_FOR_LOAD = 2_000;
/** The server's clock at start: half a minute after the last loaded event. */
export const CLOCK_AFTER_END_MS = 30_000;

export interface PhaseOptions {
  secret: string;
  dbPoolSize: number;
  load: { connections: number; seconds: number; warmupSeconds: number };
  /**
   * Each scenario is loaded this many times, the scenarios taking turns; its figures are those of
   * the round with the median p95, so one disturbed run on a shared two-core machine does not
   * decide a goal (the 10 M ÷ 1 M ratio compares two such runs).
   */
  rounds: number;
  withViews: boolean;
  /** The fair bare reference (fair-reference.ts): byte comparison, then both under distinct 24 h windows. */
  withBare: boolean;
  /** Load of every connection walking its own drill-down sequence (distinct-views.ts). */
  distinct: { connections: number; seconds: number; warmupSeconds: number };
  /** Also load the 6-hour views and the events page on a BFF with the answer cache off. */
  withCacheOff: boolean;
  rawRounds: number;
  profileDir?: string;
  progress: (message: string) => void;
}

export interface PhaseResult {
  info: DatasetInfo;
  cursor: DeepCursor;
  /**
   * result is the median round (by p95), null when the scenario was too slow to load (see
   * MAX_PROBE_MS_FOR_LOAD); roundP95s holds every round's p95 in the order run.
   */
  api: { scenario: ApiScenario; result: LoadResult | null; probe: Probe; roundP95s: number[] }[];
  bare: FairReferenceResult | null;
  /** Every connection on its own walk through the levels; one run. */
  distinct: MeasuredSequences;
  views: ViewComparison[];
  /** The same scenarios with WATCHFLOOR_READ_CACHE_MS=0 (empty unless withCacheOff). */
  cacheOff: { scenario: ApiScenario; result: LoadResult }[];
}

/**
 * One data set: the BFF in its own process with every scenario under load, then the distinct-views
 * load on the same BFF, optionally the fair bare reference against it (so their figures come from
 * neighbouring minutes), a second BFF with the answer cache off, and last the views compared
 * unloaded with the raw queries.
 */
export async function runApiPhase(info: DatasetInfo, options: PhaseOptions): Promise<PhaseResult> {
  const { progress } = options;
  const label = info.spec.label;
  const clockMs = info.endTs + CLOCK_AFTER_END_MS;
  const credentials = await prepareOperator(info.url, clockMs - 60_000);
  // 1 M rows deep in the 10 M set; the same relative depth (two thirds of the firehose) in smaller sets.
  const depth = Math.min(1_000_000, Math.floor((info.firehose.events * 2) / 3));
  const window = { from: info.endTs - 7 * DAY, to: info.endTs };
  const cursor = await deepCursor(info.url, options.secret, {
    entityId: info.firehose.id,
    entitySlug: info.firehose.slug,
    ...window,
    depth,
  });

  const bff = await startServerProcess(
    { kind: 'bff', mysqlUrl: info.url, clockMs },
    options.profileDir,
  );
  const api: PhaseResult['api'] = [];
  const cacheOff: PhaseResult['cacheOff'] = [];
  let bare: PhaseResult['bare'] = null;
  let distinct: MeasuredSequences | undefined;
  let views: ViewComparison[] = [];
  try {
    const cookie = await signIn(bff.url, credentials);
    const scenarios = apiScenarios(info, cursor);
    const probes = new Map<ApiScenario, Probe>();
    for (const scenario of scenarios)
      probes.set(scenario, await probeScenario(bff.url, cookie, scenario));
    const loadable = scenarios.filter(
      (scenario) => probes.get(scenario)!.ms <= MAX_PROBE_MS_FOR_LOAD,
    );
    const runs = new Map<ApiScenario, LoadResult[]>(loadable.map((scenario) => [scenario, []]));
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const scenario of loadable) {
        const result = await runLoad({
          url: `${bff.url}${scenario.path}`,
          headers: { cookie },
          ...options.load,
        });
        progress(
          `${label}: ${scenario.view} ${scenario.window}${options.rounds > 1 ? ` (round ${round})` : ''}: p95 ${result.p95.toFixed(1)} ms, ${result.requestsPerSecond.toFixed(0)} req/s`,
        );
        runs.get(scenario)!.push(result);
      }
    }
    for (const scenario of scenarios) {
      const probe = probes.get(scenario)!;
      const results = runs.get(scenario);
      if (!results)
        progress(
          `${label}: ${scenario.view} ${scenario.window}: not loaded, one request alone took ${probe.ms.toFixed(0)} ms`,
        );
      api.push({
        scenario,
        result: results ? medianRun(results) : null,
        probe,
        roundP95s: results?.map((r) => r.p95) ?? [],
      });
    }
    distinct = await runDistinctViews(
      info,
      { url: bff.url, pid: bff.pid, cookie },
      options.distinct,
    );
    progress(
      `${label}: distinct views: ${distinct.requestsPerSecond.toFixed(0)} req/s, p95 ${Object.entries(
        distinct.levels,
      )
        .map(([level, figures]) => `${level} ${figures.p95.toFixed(1)}`)
        .join(', ')} ms`,
    );
    if (options.withBare)
      bare = await runFairReference(
        info,
        { url: bff.url, pid: bff.pid, cookie },
        { dbPoolSize: options.dbPoolSize, load: options.load, rounds: options.rounds, progress },
      );
    if (options.withCacheOff)
      cacheOff.push(...(await loadWithCacheOff(info, clockMs, credentials, api, options)));
    // Last: the raw-table queries scan millions of events through the buffer pool, which would
    // leave the server busy and its cache cold for whatever was measured after them.
    if (options.withViews) {
      const pool = createPool({ url: info.url, connectionLimit: 2 });
      try {
        views = await compareViews({
          info,
          pool,
          baseUrl: bff.url,
          cookie,
          now: clockMs,
          rawRounds: options.rawRounds,
          progress,
        });
      } finally {
        await pool.end();
      }
    }
  } finally {
    await bff.stop();
  }
  return { info, cursor, api, bare, distinct: distinct!, views, cacheOff };
}

/** The run with the median p95 (the lower middle one of an even count). */
function medianRun(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.p95 - b.p95);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The 6-hour views and the events page again, on a BFF with the answer cache off. */
async function loadWithCacheOff(
  info: DatasetInfo,
  clockMs: number,
  credentials: { username: string; password: string },
  api: PhaseResult['api'],
  options: PhaseOptions,
): Promise<PhaseResult['cacheOff']> {
  const out: PhaseResult['cacheOff'] = [];
  const uncached = await startServerProcess({
    kind: 'bff',
    mysqlUrl: info.url,
    clockMs,
    readCacheMs: 0,
  });
  try {
    const cookie = await signIn(uncached.url, credentials);
    for (const { scenario, result } of api) {
      if (!result || scenario.window === '24 h at 1 min') continue;
      const off = await runLoad({
        url: `${uncached.url}${scenario.path}`,
        headers: { cookie },
        ...options.load,
      });
      options.progress(
        `${info.spec.label}: ${scenario.view} ${scenario.window}, answer cache off: p95 ${off.p95.toFixed(1)} ms, ${off.requestsPerSecond.toFixed(0)} req/s`,
      );
      out.push({ scenario, result: off });
    }
  } finally {
    await uncached.stop();
  }
  return out;
}
