import { distinctScalingRatios, judgeApiGoals, scalingRatios } from './api-goals.ts';
import type { PhaseResult } from './api-phase.ts';
import type { MeasuredSequences } from './distinct-views.ts';
import { referenceMedians } from './fair-reference.ts';
import { VIEW_LEVELS } from './view-sequences.ts';

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
    ...distinctViewsSection(full, small),
    ...fairReferenceSection(full),
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

const cpu = (value: number | null) => (value === null ? '–' : value.toFixed(2));
const runLine = (label: string, run: MeasuredSequences) =>
  `${label}: ${int(run.requests)} requests in ${run.seconds.toFixed(1)} s = ${int(run.requestsPerSecond)} req/s; ` +
  `CPU per request: BFF ${cpu(run.serverCpuMsPerRequest)} ms, database server ${cpu(run.dbCpuMsPerRequest)} ms; ` +
  `load average (1 min) ${run.loadBefore.toFixed(2)} before, ${run.loadAfter.toFixed(2)} after`;

/** The first failed request of each level that had one, so a failure says what it was. */
function firstFailures(runs: readonly MeasuredSequences[]): string[] {
  return runs.flatMap((run) =>
    VIEW_LEVELS.flatMap((level) => {
      const failure = run.levels[level].firstFailure;
      return failure
        ? [
            `- first failure (${level}, ${run.levels[level].failures} in all): \`${failure.replace(/`/g, "'").replace(/\s+/g, ' ')}\``,
          ]
        : [];
    }),
  );
}

/** Every connection on its own walk: per-level figures at both sizes and their ratio. */
function distinctViewsSection(full: PhaseResult, small: PhaseResult): string[] {
  const ratios = distinctScalingRatios(full, small);
  const rows = VIEW_LEVELS.map((level) => {
    const f = full.distinct.levels[level];
    const s = small.distinct.levels[level];
    const ratio = ratios.find((r) => r.level === level)!;
    return [
      level,
      int(f.n),
      ms(f.p50),
      ms(f.p95),
      ms(f.p99),
      failed(f),
      `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`,
      ratio.ratio.toFixed(2),
    ];
  });
  return [
    `### Distinct views: ${full.distinct.connections} connections, each walking its own sequence (ms)`,
    'Each connection repeats overview → segment → entity → series → events, every walk on a segment and entity drawn for it, ' +
      'its window rotating through live 6 h, 24 h and 7 d (sent as `from` only, as the SPA does, so equal live views share answers as real ' +
      "operators' would) and shared links (fixed 6–24 h windows ending at a whole second in the stored week); series is a zoom " +
      'of the entity chart (ms bounds, 15 min–4 h) and events the page window with both bounds (never shared). One closed-loop run per data set ' +
      'after a warm-up; CPU is /proc utime + stime of the BFF process and of mariadbd over the measured run, divided by its requests ' +
      '(the database figure includes anything else the server ran meanwhile).',
    table(
      [
        'level',
        `requests (${full.info.spec.label})`,
        'p50',
        'p95',
        'p99',
        'failed',
        `${small.info.spec.label}: p50 / p95 / p99`,
        `p95 ${full.info.spec.label} ÷ ${small.info.spec.label}`,
      ],
      rows,
    ),
    `- ${runLine(full.info.spec.label, full.distinct)}`,
    `- ${runLine(small.info.spec.label, small.distinct)}`,
    ...firstFailures([full.distinct, small.distinct]),
    '',
  ];
}

/** The segment 24 h view against the fair bare reference: the byte check, then both under the same load. */
function fairReferenceSection(full: PhaseResult): string[] {
  const reference = full.bare;
  if (!reference) return [];
  const sides = [
    ['product (BFF)', reference.product],
    ['bare reference', reference.bare],
  ] as const;
  const rows = sides.map(([name, runs]) => {
    const m = referenceMedians(runs);
    return [
      name,
      int(m.requestsPerSecond),
      ms(m.p50),
      ms(m.p95),
      cpu(m.serverCpuMsPerRequest),
      cpu(m.dbCpuMsPerRequest),
      String(m.failures),
      runs.map((r) => int(r.requestsPerSecond)).join(', '),
    ];
  });
  const product = referenceMedians(reference.product);
  const bare = referenceMedians(reference.bare);
  return [
    `### Fair bare reference: segment 24 h (\`${reference.segment}\`), every request a window of its own, ${reference.product[0]?.connections ?? 0} connections (ms)`,
    "The bare reference (bare-server.ts) is node:http + a mysql2 pool of the BFF's size: no framework, session, validation, quality, compression or shared answers. " +
      "It reads the rows the product reads for this view (the segment's hour rows with minute strips, the entities' window totals now and before summed by the database, their hour rows for sparklines) " +
      "and answers the part of the product's JSON those rows make (window, series without `partial`, entity figures, contributions, sparklines; entities in id order). " +
      `Byte-compared with the same part of the product's answer before loading: identical for ${reference.compared.length} windows (${reference.compared.map((c) => `${c.window}, ${int(c.bytes)} bytes`).join('; ')}). ` +
      'Both then serve 24 h windows ending at distinct whole seconds, so each computes every answer; sides alternate per round, figures are medians over rounds.',
    table(
      [
        'server',
        'req/s',
        'p50',
        'p95',
        'server CPU ms / request',
        'database CPU ms / request',
        'failed',
        'req/s per round',
      ],
      rows,
    ),
    `Product ÷ bare req/s: ${((product.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)} %.`,
    ...firstFailures([...reference.product, ...reference.bare]),
    '',
  ];
}
