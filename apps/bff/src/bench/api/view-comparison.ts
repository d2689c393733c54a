import type { Pool, PoolConnection } from '../../db/pool.ts';
import { getEntityDetail } from '../../modules/drilldown/entity.service.ts';
import { getOverview, type DrilldownDeps } from '../../modules/drilldown/overview.service.ts';
import { getSegmentDetail } from '../../modules/drilldown/segment.service.ts';
import type { DatasetInfo } from './dataset-marker.ts';
import { median, summarize, timeRepeated } from './latency-stats.ts';
import {
  rawPanelCountsOnly,
  rawPanelWithP95,
  type RawQuery,
  type RawScope,
} from './raw-panel-queries.ts';
import {
  captureStatements,
  enableProfiling,
  readsRollups,
  replayStatements,
  type CapturedStatement,
} from './sql-capture.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface ViewComparison {
  view: string;
  /** Goal: raw (with p95) ÷ our rollup SQL, both server execution time, at least this. */
  goalSpeedup: number;
  rawBuckets: number;
  /** Server execution time (SHOW PROFILES) of the raw panel query with p95, and without. */
  rawP95Ms: number;
  rawCountsMs: number;
  /** Server execution time of the service's statements that read rollup tables, summed. */
  ourRollupMs: number;
  ourRollupStatements: number;
  /** Server execution time of every statement the service runs, summed. */
  ourAllMs: number;
  ourStatements: number;
  /** The same statements back to back as the client sees them (round trips, row decoding). */
  ourClientMs: number;
  apiMedianMs: number;
  apiP95Ms: number;
}

interface ViewDefinition {
  view: string;
  goalSpeedup: number;
  scope: RawScope;
  bucketMs: number;
  from: number;
  to: number;
  ours: (deps: DrilldownDeps, window: { from: number; to: number }) => Promise<unknown>;
  /** The view's API path for a window ending `shiftMs` after the view's own end. */
  apiPath: (shiftMs: number) => string;
}

export function comparedViews(info: DatasetInfo): ViewDefinition[] {
  const end = info.endTs;
  const day = { from: end - DAY, to: end };
  const week = { from: end - 7 * DAY, to: end };
  const query = (w: { from: number; to: number }, shiftMs: number) =>
    `from=${w.from}&to=${w.to + shiftMs}`;
  return [
    {
      view: 'hot entity, 24 h at 1 min',
      goalSpeedup: 200,
      scope: { kind: 'entity', id: info.firehose.id },
      bucketMs: MINUTE,
      ...day,
      ours: (deps, w) => getEntityDetail(deps, info.firehose.slug, w),
      apiPath: (shift) => `/api/v1/entities/${info.firehose.slug}?${query(day, shift)}`,
    },
    {
      view: 'segment, 24 h at 1 min',
      goalSpeedup: 50,
      scope: { kind: 'segment', id: info.segment.id },
      bucketMs: MINUTE,
      ...day,
      ours: (deps, w) => getSegmentDetail(deps, info.segment.slug, w),
      apiPath: (shift) => `/api/v1/segments/${info.segment.slug}?${query(day, shift)}`,
    },
    {
      view: 'fleet, 7 d at 1 h',
      goalSpeedup: 1_000,
      scope: { kind: 'fleet' },
      bucketMs: HOUR,
      ...week,
      ours: (deps, w) => getOverview(deps, w),
      apiPath: (shift) => `/api/v1/overview?${query(week, shift)}`,
    },
  ];
}

/**
 * For each view: the raw-table panel query (warm: one untimed run, then the median of `rawRounds`),
 * the exact SQL our endpoint's service runs (captured, then replayed back to back on one
 * connection; median of 20), and our API's full round trip unloaded (median and p95 of 30, each
 * request computed).
 * SQL times are the server's own execution times (SHOW PROFILES), so driver and network costs
 * count on neither side; the client-side time of our statements is reported next to them.
 */
export async function compareViews(input: {
  info: DatasetInfo;
  pool: Pool;
  baseUrl: string;
  cookie: string;
  now: number;
  rawRounds: number;
  progress: (m: string) => void;
}): Promise<ViewComparison[]> {
  const { info, pool } = input;
  const conn = await pool.getConnection();
  await enableProfiling(conn);
  const out: ViewComparison[] = [];
  try {
    for (const view of comparedViews(info)) {
      const window = { from: view.from, to: view.to };
      const deps: DrilldownDeps = { pool, now: () => input.now };
      const statements = await captureStatements(pool, (recording) =>
        view.ours({ ...deps, pool: recording }, window),
      );
      const ours = await timeOurs(conn, statements);
      // Each request's window ends 1 ms later than the one before: a new URL, so every one is
      // computed, not served from the answer cache.
      let shift = 0;
      const api = summarize(
        await timeRepeated(
          () => getOk(`${input.baseUrl}${view.apiPath((shift += 1))}`, input.cookie),
          30,
          3,
        ),
      );
      input.progress(
        `views: ${view.view}: our rollup SQL ${ours.rollupMs.toFixed(2)} ms, API ${api.p50.toFixed(1)} ms; timing the raw queries`,
      );
      const raw = await timeRaw(
        conn,
        rawPanelWithP95(view.scope, view.bucketMs, view.from, view.to),
        input.rawRounds,
        input.progress,
      );
      const counts = await timeRaw(
        conn,
        rawPanelCountsOnly(view.scope, view.bucketMs, view.from, view.to),
        input.rawRounds,
        input.progress,
      );
      out.push({
        view: view.view,
        goalSpeedup: view.goalSpeedup,
        rawBuckets: raw.rows,
        rawP95Ms: raw.serverMs,
        rawCountsMs: counts.serverMs,
        ourRollupMs: ours.rollupMs,
        ourRollupStatements: statements.filter(readsRollups).length,
        ourAllMs: ours.allMs,
        ourStatements: statements.length,
        ourClientMs: ours.clientMs,
        apiMedianMs: api.p50,
        apiP95Ms: api.p95,
      });
      input.progress(
        `views: ${view.view}: raw with p95 ${raw.serverMs.toFixed(0)} ms, counts only ${counts.serverMs.toFixed(0)} ms`,
      );
    }
  } finally {
    conn.release();
  }
  return out;
}

type Connection = PoolConnection;

/** Medians over 20 replays (after 3 untimed ones) of the rollup reads, all statements, and client time. */
async function timeOurs(
  conn: Connection,
  statements: CapturedStatement[],
): Promise<{ rollupMs: number; allMs: number; clientMs: number }> {
  const isRollup = statements.map(readsRollups);
  for (let i = 0; i < 3; i += 1) await replayStatements(conn, statements);
  const rounds = [];
  for (let i = 0; i < 20; i += 1) rounds.push(await replayStatements(conn, statements));
  const sum = (values: number[], keep: (i: number) => boolean) =>
    values.reduce((total, value, i) => (keep(i) ? total + value : total), 0);
  return {
    rollupMs: median(rounds.map((r) => sum(r.serverMs, (i) => isRollup[i] === true))),
    allMs: median(rounds.map((r) => sum(r.serverMs, () => true))),
    clientMs: median(rounds.map((r) => r.clientMs)),
  };
}

/**
 * Warm: one untimed run, then the median server time of `rounds` runs. On this shared machine the
 * server has lost the on-disk (Aria) temporary table of the 7-day window-function query mid-run
 * ("Error on delete of '/tmp/#sql-temptable…'"); the query is then timed again with in-memory
 * temporary tables large enough to hold it, which only makes the raw side faster.
 */
async function timeRaw(
  conn: Connection,
  query: RawQuery,
  rounds: number,
  progress: (m: string) => void,
): Promise<{ serverMs: number; rows: number }> {
  try {
    return await timeRawOnce(conn, query, rounds);
  } catch (error) {
    if (!/temptable|#sql/i.test((error as Error).message)) throw error;
    progress(
      `views: raw query lost its on-disk temporary table (${(error as Error).message}); timing it again with 1 GiB in-memory temporary tables`,
    );
    await conn.query('SET SESSION max_heap_table_size = 1073741824, tmp_table_size = 1073741824');
    try {
      return await timeRawOnce(conn, query, rounds);
    } finally {
      await conn.query('SET SESSION max_heap_table_size = DEFAULT, tmp_table_size = DEFAULT');
    }
  }
}

async function timeRawOnce(
  conn: Connection,
  query: RawQuery,
  rounds: number,
): Promise<{ serverMs: number; rows: number }> {
  let rows = 0;
  const times: number[] = [];
  for (let i = 0; i <= rounds; i += 1) {
    const timing = await replayStatements(conn, [query]);
    rows = timing.rows[0] ?? 0;
    if (i > 0) times.push(timing.serverMs[0] ?? Number.NaN);
  }
  return { serverMs: median(times), rows };
}

async function getOk(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.arrayBuffer();
  if (!response.ok)
    throw new Error(
      `GET ${url}: HTTP ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`,
    );
}
