import { judgeApiGoals, scalingRatios } from './api-goals.ts';
import type { PhaseResult } from './api-phase.ts';

export interface RunMeta {
  command: string;
  code: string;
  date: string;
  machine: string;
  database: string;
  loadBefore: number[];
  loadAfter: number[];
  load: { connections: number; seconds: number; warmupSeconds: number };
  rounds: number;
  rawRounds: number;
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number, digits = 1) => `${value.toFixed(digits)}`;
const failed = (result: { failures: number; failureCodes: Record<string, number> }) =>
  result.failures === 0
    ? '0'
    : `${result.failures} (${Object.entries(result.failureCodes)
        .map(([code, n]) => `${n}× ${code}`)
        .join(', ')})`;
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

function datasetLine(phase: PhaseResult): string {
  const { info } = phase;
  const share = (info.firehose.events / info.totalEvents) * 100;
  return (
    `- ${info.spec.label}: ${int(info.totalEvents)} events, ${info.spec.days} days, ${info.spec.segments} segments × ${info.spec.entitiesPerSegment} entities; ` +
    `firehose \`${info.firehose.slug}\` ${int(info.firehose.events)} events (${share.toFixed(1)} %); ` +
    `raw load ${int(info.load.rowsPerSecond)} rows/s (LOAD DATA); rollup worker catch-up ${(info.rollup.ms / 1000).toFixed(0)} s = ` +
    `${int(info.rollup.eventsPerSecond)} events/s, ${int(info.rollup.entityMinutesPerSecond)} entity-minutes/s (${int(info.rollup.entityMinutes)} entity-minutes, batches of 50,000); raw loaded ${new Date(info.loadedAt).toISOString().slice(0, 16)}Z, rollups built ${new Date(info.rollupsBuiltAt).toISOString().slice(0, 16)}Z by the current rollup code`
  );
}

/** The whole run as Markdown: data sets, load figures, bare reference, raw-query comparison, goals. */
export function renderApiReport(meta: RunMeta, full: PhaseResult, small: PhaseResult): string {
  const ratios = scalingRatios(full, small);
  const roundsOf = (phase: PhaseResult, scenario: PhaseResult['api'][number]['scenario']) =>
    phase.api
      .find((r) => r.scenario.view === scenario.view && r.scenario.window === scenario.window)
      ?.roundP95s.map((p95) => ms(p95))
      .join(', ') || '–';
  const apiRows = full.api.map(({ scenario, result, probe }) => {
    const ratio = ratios.find((r) => r.view === scenario.view && r.window === scenario.window);
    const figures = result
      ? [
          ms(result.p50),
          ms(result.p95),
          ms(result.p99),
          int(result.requestsPerSecond),
          `${int(result.n)} / ${result.seconds.toFixed(0)} s`,
          failed(result),
        ]
      : ['–', `not loaded¹`, '–', '–', '–', '–'];
    const rounds =
      meta.rounds > 1 ? [`${roundsOf(full, scenario)} / ${roundsOf(small, scenario)}`] : [];
    return [
      scenario.view,
      scenario.window,
      ...figures,
      ratio ? ms(ratio.smallP95) : '–',
      ratio ? ratio.ratio.toFixed(2) : '–',
      `${ms(probe.ms)} ms; ${probe.summary}`,
      ...rounds,
    ];
  });
  const bareRows = full.bare.map(({ scenario, result }) => {
    const ours = full.api.filter(
      (r) => r.scenario.window === '24 h at 1 min' && scenario.views.includes(r.scenario.view),
    );
    const shares = ours
      .map(
        (r) =>
          `${r.scenario.view} ${(((r.result?.requestsPerSecond ?? 0) / result.requestsPerSecond) * 100).toFixed(0)} %`,
      )
      .join(', ');
    return [
      scenario.scope,
      ms(result.p50),
      ms(result.p95),
      ms(result.p99),
      int(result.requestsPerSecond),
      `${int(result.n)} / ${result.seconds.toFixed(0)} s`,
      shares,
    ];
  });
  const viewRows = full.views.map((v) => [
    v.view,
    int(v.rawBuckets),
    ms(v.rawP95Ms, 0),
    ms(v.rawCountsMs, 0),
    `${ms(v.ourRollupMs, 2)} (${v.ourRollupStatements})`,
    `${ms(v.ourAllMs, 2)} (${v.ourStatements})`,
    ms(v.ourClientMs, 2),
    `${int(v.rawP95Ms / v.ourRollupMs)}× (goal ${int(v.goalSpeedup)}×)`,
    `${int(v.rawP95Ms / v.ourAllMs)}×`,
    `${ms(v.apiMedianMs)} / ${ms(v.apiP95Ms)}`,
  ]);
  const cacheOffRows = full.cacheOff.map(({ scenario, result }) => {
    const cached = full.api.find((r) => r.scenario === scenario)?.result;
    return [
      scenario.view,
      scenario.window,
      ms(result.p50),
      ms(result.p95),
      ms(result.p99),
      int(result.requestsPerSecond),
      failed(result),
      cached ? `${ms(cached.p95)} / ${int(cached.requestsPerSecond)}` : '–',
    ];
  });
  const verdicts = judgeApiGoals(full, small);
  return [
    `Command: \`${meta.command}\` — ${meta.date}, code ${meta.code}`,
    `Machine: ${meta.machine}; ${meta.database}`,
    `Load average (1/5/15 min) before: ${meta.loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after: ${meta.loadAfter.map((l) => l.toFixed(2)).join(' / ')}`,
    `Load: autocannon (response bodies not kept), Accept-Encoding as Chromium sends it, ${meta.load.connections} connections, closed loop; per scenario a ${meta.load.warmupSeconds} s warm-up (discarded, then drained), ` +
      `then a fixed number of requests sized to last about ${meta.load.seconds} s, every response awaited. Servers run in their own Node process; ` +
      'latencies are exact per-response times (nearest rank).' +
      (meta.rounds > 1
        ? ` Each scenario ran ${meta.rounds} times, the scenarios taking turns; the figures are those of its run with the median p95 (every run's p95 in the last column).`
        : ''),
    '',
    'Data sets:',
    datasetLine(full),
    datasetLine(small),
    '',
    `### Read API, ${full.info.spec.label} events, ${meta.load.connections} connections (ms)`,
    table(
      [
        'view',
        'window',
        'p50',
        'p95',
        'p99',
        'req/s',
        'requests / run',
        'failed',
        `p95 at ${small.info.spec.label}`,
        `${full.info.spec.label} ÷ ${small.info.spec.label}`,
        'first request alone; response',
        ...(meta.rounds > 1
          ? [`p95 of each run, ${full.info.spec.label} / ${small.info.spec.label}`]
          : []),
      ],
      apiRows,
    ),
    `¹ Not put under load because one request alone took over 2 s; its p95 columns use that single time (a lower bound).`,
    `Events cursor: ${int(full.cursor.depth)} rows deep in the firehose (${small.info.spec.label} set: ${int(small.cursor.depth)} deep, the same relative position).`,
    '',
    ...(cacheOffRows.length > 0
      ? [
          `### The same loads with the answer cache off (WATCHFLOOR_READ_CACHE_MS=0), ${full.info.spec.label} events, ${meta.load.connections} connections (ms)`,
          'Identical requests then share an answer only while it is being computed, so every answer is computed again as soon as the previous one is out. Not judged against the goals, which hold for the shipped configuration.',
          table(
            [
              'view',
              'window',
              'p50',
              'p95',
              'p99',
              'req/s',
              'failed',
              'with the cache: p95 / req/s',
            ],
            cacheOffRows,
          ),
          '',
        ]
      : []),
    `### Bare reference (node:http + mysql2 pool, same 24 h 1-minute rollup read), ${meta.load.connections} connections (ms)`,
    table(
      ['scope', 'p50', 'p95', 'p99', 'req/s', 'requests / run', 'our 24 h view ÷ bare req/s'],
      bareRows,
    ),
    '',
    `### Same view straight off the raw table (warm: 1 untimed run, then median of ${meta.rawRounds}) vs our SQL (median of 20) vs our API (unloaded, 30 requests)`,
    'SQL columns are server execution time (SHOW PROFILES), summed over statements; "client" is the same statements back to back as mysql2 sees them.',
    table(
      [
        'view',
        'buckets',
        'raw with p95 (ms)',
        'raw counts only (ms)',
        'our rollup reads (ms, statements)',
        'all our statements (ms, n)',
        'all ours, client (ms)',
        'speedup: raw ÷ rollup reads',
        'raw ÷ all ours',
        'our API median / p95 (ms)',
      ],
      viewRows,
    ),
    '',
    '### Goals',
    table(
      ['goal', 'result', 'verdict'],
      verdicts.map((v) => [v.goal, v.detail, v.pass ? 'PASS' : 'FAIL']),
    ),
    '',
  ].join('\n');
}
