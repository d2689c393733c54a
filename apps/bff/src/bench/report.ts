import type { ActivitySummary } from './background-activity.ts';
import type { FleetDay } from './fleet-day.ts';
import type { FreshnessResult } from './freshness-lag.ts';
import type { ThroughputConfig, ThroughputPhase } from './throughput-phase.ts';
import type { AccuracyResult, WindowClass } from './percentile-accuracy.ts';
import type { StorageResult } from './storage-footprint.ts';

export interface BenchMeta {
  command: string;
  date: string;
  quick: boolean;
  machine: string;
  database: string;
  /** InnoDB redo log fill (checkpoint age / max) when the run started. */
  redoFillAtStart: number;
  loadBefore: number[];
  loadAfter: number[];
}

export interface BenchReport {
  meta: BenchMeta;
  throughput: ThroughputPhase;
  freshness: FreshnessResult;
  freshnessBackground: ActivitySummary;
  fleetDay: FleetDay;
  accuracy: AccuracyResult;
  storage: StorageResult;
}

export const GOALS = {
  httpEventsPerSecond: 60_000,
  httpShareOfRaw: 0.4,
  freshnessP99Ms: 5_000,
  relativeError: 0.05,
} as const;

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const pct = (value: number, digits = 1) => `${(value * 100).toFixed(digits)} %`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
/** A Markdown table followed by a blank line, so text after it is not read as another row. */
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');

/** Every goal with its measured value, judged without rounding in the product's favour. */
export function judgeGoals(report: BenchReport): { goal: string; measured: string; ok: boolean }[] {
  const best = Math.max(...report.throughput.configs.map((config) => config.httpMedian));
  const worstShare = Math.min(...report.throughput.configs.map(share));
  const { freshness, accuracy, storage } = report;
  const maxError = Math.max(
    ...accuracy.large.flatMap((c) => [c.errors.p50.max, c.errors.p95.max, c.errors.p99.max]),
  );
  return [
    {
      goal: `HTTP ingest ≥ ${int(GOALS.httpEventsPerSecond)} events/s (best configuration, median round)`,
      measured: `${int(best)} events/s`,
      ok: best >= GOALS.httpEventsPerSecond,
    },
    {
      goal: `HTTP ≥ ${pct(GOALS.httpShareOfRaw, 0)} of raw INSERT (every configuration, medians)`,
      measured: `lowest ${pct(worstShare)}`,
      ok: worstShare >= GOALS.httpShareOfRaw,
    },
    {
      goal: `freshness lag p99 ≤ ${sec(GOALS.freshnessP99Ms)} at ${int(freshness.targetRate)} events/s`,
      measured: `p99 ${sec(freshness.lagMs.p99)} (sent ${int(freshness.achievedRate)}/s, ${int(freshness.uncoveredEvents)} never rolled up)`,
      ok:
        freshness.lagMs.p99 <= GOALS.freshnessP99Ms &&
        freshness.uncoveredEvents === 0 &&
        freshness.achievedRate >= 0.98 * freshness.targetRate,
    },
    {
      goal: `p50/p95/p99 relative error ≤ ${pct(GOALS.relativeError, 0)} (windows ≥ ${int(accuracy.minEvents)} events)`,
      measured: `max ${pct(maxError, 2)}, ${accuracy.countMismatches} count mismatches`,
      ok: maxError <= GOALS.relativeError && accuracy.countMismatches === 0,
    },
    {
      goal: 'sparse entity: rollup bytes ≤ raw bytes',
      measured: `${kib(storage.sparse.measured.rollupBytes)} vs ${kib(storage.sparse.measured.rawBytes)} per entity-day`,
      ok:
        storage.sparse.measured.rollupBytes <= storage.sparse.measured.rawBytes &&
        storage.sparse.estimated.rollupBytes <= storage.sparse.estimated.rawBytes,
    },
  ];
}

const share = (config: ThroughputConfig) => config.httpMedian / config.rawMedian;
const spread = (values: number[]) => `${int(Math.min(...values))}–${int(Math.max(...values))}`;
const background = (activity: ActivitySummary) =>
  `other databases on the server were running statements in ${pct(activity.busyShare, 0)} of ${activity.samples} half-second samples; the InnoDB redo log was ${pct(activity.redoFillMean, 0)} full on average (max ${pct(activity.redoFillMax, 0)})`;

function errorRow(c: WindowClass): string[] {
  const cell = (d: WindowClass['errors']['p50']) =>
    `${pct(d.p50, 2)} / ${pct(d.p95, 2)} / ${pct(d.max, 2)}`;
  return [
    c.label,
    int(c.windows),
    int(c.medianEvents),
    cell(c.errors.p50),
    cell(c.errors.p95),
    cell(c.errors.p99),
  ];
}

/** The whole report as Markdown, so the same text reads well on a terminal and in docs/benchmarks.md. */
export function renderReport(report: BenchReport): string {
  const { meta, throughput: t, freshness: f, fleetDay, accuracy, storage } = report;
  const errHeader = [
    'windows',
    'count',
    'median events',
    'p50 error (median / p95 / max)',
    'p95 error (median / p95 / max)',
    'p99 error (median / p95 / max)',
  ];
  return [
    `- Command: \`${meta.command}\`${meta.quick ? ' (--quick: shortened smoke run, not a reference figure)' : ''}`,
    `- Date: ${meta.date}`,
    `- Machine: ${meta.machine}`,
    `- Database: ${meta.database}`,
    `- Load average before / after: ${meta.loadBefore.map((v) => v.toFixed(2)).join(', ')} / ${meta.loadAfter.map((v) => v.toFixed(2)).join(', ')} · InnoDB redo log ${pct(meta.redoFillAtStart, 0)} full at start`,
    '',
    '### Goals',
    table(
      ['goal', 'measured', 'result'],
      judgeGoals(report).map((g) => [g.goal, g.measured, verdict(g.ok)]),
    ),
    '',
    `### Ingest throughput (worker off; ${int(t.eventsPerRun)} events per run, median of ${t.rounds} round${t.rounds === 1 ? '' : 's'})`,
    table(
      [
        'batch',
        'clients / connections',
        'HTTP events/s',
        'raw INSERT rows/s',
        'HTTP / raw',
        'HTTP range',
        'raw range',
      ],
      t.configs.map((c) => [
        int(c.batchSize),
        String(c.concurrency),
        int(c.httpMedian),
        int(c.rawMedian),
        pct(share(c)),
        spread(c.http),
        spread(c.raw),
      ]),
    ),
    `During this phase ${background(t.background)}.`,
    '',
    `### Where the ingest time goes (one sender, one batch in flight, worker off; median of ${t.rounds})`,
    table(
      ['layer added', ...t.breakdown.map((b) => `batch ${int(b.batchSize)}: events/s`)],
      (t.breakdown[0]?.steps ?? []).map((step, i) => [
        step.step,
        ...t.breakdown.map((b) => int(b.steps[i]?.eventsPerSecond ?? Number.NaN)),
      ]),
    ),
    '',
    table(
      [
        'Node CPU on the event loop (fastest of 15 passes)',
        ...t.breakdown.map((b) => `batch ${int(b.batchSize)}: µs/event`),
      ],
      (t.breakdown[0]?.cpu ?? []).map((stage, i) => [
        stage.stage,
        ...t.breakdown.map((b) => (b.cpu[i]?.microsPerEvent ?? Number.NaN).toFixed(2)),
      ]),
    ),
    '',
    `### Freshness lag (worker on, ${int(f.targetRate)} events/s target, ${int(f.events)} events in ${int(f.batches)} batches)`,
    table(
      ['measure', 'p50', 'p95', 'p99', 'max'],
      [
        [
          `ack → rollup visible (poll every ${f.pollMs} ms)`,
          sec(f.lagMs.p50),
          sec(f.lagMs.p95),
          sec(f.lagMs.p99),
          sec(f.lagMs.max),
        ],
        [
          `worker_runs.lag_ms (${f.workerRuns.count} runs)`,
          sec(f.workerRuns.lagMs.p50),
          sec(f.workerRuns.lagMs.p95),
          sec(f.workerRuns.lagMs.p99),
          sec(f.workerRuns.lagMs.max),
        ],
        [
          `worker run duration (mean ${int(f.workerRuns.rowsInMean)} dirty rows/run)`,
          sec(f.workerRuns.durationMs.p50),
          sec(f.workerRuns.durationMs.p95),
          sec(f.workerRuns.durationMs.p99),
          sec(f.workerRuns.durationMs.max),
        ],
      ],
    ),
    `Achieved send rate ${int(f.achievedRate)} events/s; events never seen in a rollup: ${int(f.uncoveredEvents)}. During this phase ${background(report.freshnessBackground)}.`,
    '',
    `### Demo fleet day (${new Date(fleetDay.fromMs).toISOString().slice(0, 10)} UTC)`,
    `${int(fleetDay.events)} events ingested in ${fleetDay.ingestSeconds.toFixed(1)} s (ingest service, no HTTP); rolled up from scratch in ${fleetDay.rollupSeconds.toFixed(1)} s (${fleetDay.workerRuns} worker runs, ${int(fleetDay.dirtyRows)} dirty entity-minutes, ${int(fleetDay.bucketsWritten)} buckets written).`,
    '',
    `### Percentiles from rollups vs exact from raw (windows ≥ ${int(accuracy.minEvents)} latency samples)`,
    table(errHeader, accuracy.large.map(errorRow)),
    '',
    '1-minute buckets (all, however few samples):',
    table(errHeader, accuracy.minute.map(errorRow)),
    `Rollup vs raw latency-count mismatches: ${accuracy.countMismatches}.`,
    '',
    '### Storage for one day of the demo fleet',
    table(
      ['table', 'rows', 'data', 'index', 'total', 'bytes/row'],
      [storage.raw, ...storage.rollups].map((s) => [
        s.table,
        int(s.rows),
        mib(s.dataBytes),
        mib(s.indexBytes),
        mib(s.totalBytes),
        int(s.rows ? s.totalBytes / s.rows : 0),
      ]),
    ),
    `Rollups (all three tables) ${mib(storage.rollupBytes)} per day vs raw ${mib(storage.raw.totalBytes)} per day (${pct(storage.rollupBytes / storage.raw.totalBytes)}).`,
    '',
    table(
      [
        `sparse entity (${storage.sparse.entities} heartbeat/gauge-only), per entity-day`,
        'raw',
        'rollups (1m+1h+1d)',
      ],
      [
        ['rows', int(storage.sparse.rawRowsPerEntity), int(storage.sparse.rollupRowsPerEntity)],
        [
          'bytes, measured (their rows copied alone, same schema)',
          kib(storage.sparse.measured.rawBytes),
          kib(storage.sparse.measured.rollupBytes),
        ],
        [
          'bytes, estimated (table average bytes/row × rows)',
          kib(storage.sparse.estimated.rawBytes),
          kib(storage.sparse.estimated.rollupBytes),
        ],
      ],
    ),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
