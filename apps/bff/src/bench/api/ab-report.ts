import type { MeasuredSequences } from './distinct-views.ts';
import { median } from './latency-stats.ts';
import { VIEW_LEVELS } from './view-sequences.ts';
import type { LoadResult } from './load-run.ts';
import type { ApiScenario } from './scenarios.ts';

/** One scenario's rounds: each round measured both versions, `aFirst` says which went first. */
export interface AbScenarioResult {
  scenario: ApiScenario;
  rounds: { a: LoadResult; b: LoadResult; aFirst: boolean }[];
}

export interface AbMeta {
  command: string;
  date: string;
  machine: string;
  /** This tree's code and the ref's, as printed in the column headers. */
  a: { label: string; code: string };
  b: { label: string; code: string };
  dataset: string;
  loadBefore: number[];
  loadAfter: number[];
  load: { connections: number; seconds: number; warmupSeconds: number };
  rounds: number;
  /** Whether identical requests shared answers (as shipped) or every answer was computed. */
  cacheOff: boolean;
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => value.toFixed(1);
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/** Median of each figure over the rounds, taken separately (p95, p50 and req/s need not come from one round). */
export function medians(results: LoadResult[]): {
  p50: number;
  p95: number;
  rps: number;
  failures: number;
} {
  return {
    p50: median(results.map((r) => r.p50)),
    p95: median(results.map((r) => r.p95)),
    rps: median(results.map((r) => r.requestsPerSecond)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  };
}

/** The A/B run as Markdown: medians of both versions per scenario, their ratios, and every round's p95s. */
export function renderAbReport(
  meta: AbMeta,
  results: AbScenarioResult[],
  distinct: { a: MeasuredSequences; b: MeasuredSequences; aFirst: boolean }[] = [],
): string {
  const { a, b } = meta;
  const rows = results.map(({ scenario, rounds }) => {
    const ma = medians(rounds.map((r) => r.a));
    const mb = medians(rounds.map((r) => r.b));
    const each = rounds
      .map((r) => `${ms(r.a.p95)} / ${ms(r.b.p95)}${r.aFirst ? '' : '*'}`)
      .join(', ');
    const failures = ma.failures + mb.failures === 0 ? '0' : `${ma.failures} / ${mb.failures}`;
    return [
      scenario.view,
      scenario.window,
      ms(ma.p95),
      ms(mb.p95),
      (ma.p95 / mb.p95).toFixed(2),
      ms(ma.p50),
      ms(mb.p50),
      int(ma.rps),
      int(mb.rps),
      (ma.rps / mb.rps).toFixed(2),
      failures,
      each,
    ];
  });
  return [
    `Command: \`${meta.command}\` — ${meta.date}`,
    `A = ${a.label}: ${a.code}; B = ${b.label}: ${b.code}`,
    `Machine: ${meta.machine}; data set ${meta.dataset}`,
    `Load average (1/5/15 min) before: ${meta.loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after: ${meta.loadAfter.map((l) => l.toFixed(2)).join(' / ')}`,
    `Both BFFs run at once, each in its own Node process, on the same stored data set and server clock, ${meta.cacheOff ? 'with the answer cache off (every answer computed)' : 'with the answer cache as shipped'}. Per scenario ${meta.rounds} round${meta.rounds === 1 ? '' : 's'}; ` +
      `each round loads A and B back to back (${meta.load.connections} connections, closed loop, ${meta.load.warmupSeconds} s warm-up then requests sized to about ${meta.load.seconds} s, ` +
      'exact percentiles), the one going first alternating. Figures are medians over the rounds; ratios are A ÷ B of those medians ' +
      '(p95 ratio > 1: A slower; req/s ratio < 1: A serves less).',
    '',
    `### ${a.label} (A) vs ${b.label} (B), ${meta.load.connections} connections (ms)`,
    table(
      [
        'view',
        'window',
        'p95 A',
        'p95 B',
        'p95 A ÷ B',
        'p50 A',
        'p50 B',
        'req/s A',
        'req/s B',
        'req/s A ÷ B',
        'failed A / B',
        'p95 per round, A / B (* B first)',
      ],
      rows,
    ),
    '',
    ...distinctSection(meta, distinct),
  ].join('\n');
}

/** The distinct-views load on both versions: per level, medians over the rounds. */
function distinctSection(
  meta: AbMeta,
  rounds: { a: MeasuredSequences; b: MeasuredSequences; aFirst: boolean }[],
): string[] {
  if (rounds.length === 0) return [];
  const cpuOf = (runs: MeasuredSequences[], pick: (r: MeasuredSequences) => number | null) => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? median(values).toFixed(2) : '–';
  };
  const rows = VIEW_LEVELS.map((level) => {
    const pa = median(rounds.map((r) => r.a.levels[level].p95));
    const pb = median(rounds.map((r) => r.b.levels[level].p95));
    const failures = rounds.reduce(
      (sum, r) => [sum[0]! + r.a.levels[level].failures, sum[1]! + r.b.levels[level].failures],
      [0, 0],
    );
    return [
      level,
      ms(pa),
      ms(pb),
      (pa / pb).toFixed(2),
      ms(median(rounds.map((r) => r.a.levels[level].p50))),
      ms(median(rounds.map((r) => r.b.levels[level].p50))),
      failures[0]! + failures[1]! === 0 ? '0' : `${failures[0]} / ${failures[1]}`,
      rounds
        .map(
          (r) =>
            `${ms(r.a.levels[level].p95)} / ${ms(r.b.levels[level].p95)}${r.aFirst ? '' : '*'}`,
        )
        .join(', '),
    ];
  });
  const rps = (runs: MeasuredSequences[]) => median(runs.map((r) => r.requestsPerSecond));
  const as = rounds.map((r) => r.a);
  const bs = rounds.map((r) => r.b);
  return [
    `### Distinct views: ${meta.load.connections} connections, each walking its own sequence (ms)`,
    'overview → segment → entity → series (a zoom) → events per walk, over drawn segments, entities and windows (see docs/benchmarks.md, "Distinct views"); one run of each version per round.',
    table(
      [
        'level',
        'p95 A',
        'p95 B',
        'p95 A ÷ B',
        'p50 A',
        'p50 B',
        'failed A / B',
        'p95 per round, A / B (* B first)',
      ],
      rows,
    ),
    `req/s A ${int(rps(as))}, B ${int(rps(bs))} (A ÷ B ${(rps(as) / rps(bs)).toFixed(2)}); CPU ms per request, BFF: A ${cpuOf(as, (r) => r.serverCpuMsPerRequest)}, B ${cpuOf(bs, (r) => r.serverCpuMsPerRequest)}; database server: A ${cpuOf(as, (r) => r.dbCpuMsPerRequest)}, B ${cpuOf(bs, (r) => r.dbCpuMsPerRequest)}.`,
    '',
  ];
}
