import type { OtlpFreshnessResult } from './otlp-freshness.ts';
import type { OtlpComparison } from './otlp-throughput.ts';

export const OTLP_GOALS = {
  spansPerSecond: 40_000,
  shareOfJson: 0.6,
  freshnessP99Ms: 5_000,
} as const;

export interface OtlpBenchReport {
  comparison: OtlpComparison;
  freshness: OtlpFreshnessResult;
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function judgeOtlpGoals(report: OtlpBenchReport) {
  const { comparison: c, freshness: f } = report;
  return [
    {
      goal: `OTLP protobuf ≥ ${int(OTLP_GOALS.spansPerSecond)} spans/s (median round)`,
      measured: `${int(c.otlpMedian)} spans/s`,
      ok: c.otlpMedian >= OTLP_GOALS.spansPerSecond,
    },
    {
      goal: `OTLP ≥ ${pct(OTLP_GOALS.shareOfJson)} of JSON events/s (median of per-round ratios)`,
      measured: pct(c.ratio),
      ok: c.ratio >= OTLP_GOALS.shareOfJson,
    },
    {
      goal: `freshness p99 ≤ ${seconds(OTLP_GOALS.freshnessP99Ms)} at ${int(f.targetRate)} spans/s (span end → rollup)`,
      measured: `p99 ${seconds(f.lagMs.p99)} (sent ${int(f.achievedRate)}/s, ${f.uncoveredSpans} never rolled up)`,
      // A lag measured at a rate the sender did not reach proves nothing about that rate.
      ok:
        f.lagMs.p99 <= OTLP_GOALS.freshnessP99Ms &&
        f.uncoveredSpans === 0 &&
        f.achievedRate >= 0.95 * f.targetRate,
    },
  ];
}

export function renderOtlpReport(report: OtlpBenchReport): string {
  const { comparison: c, freshness: f } = report;
  const goals = judgeOtlpGoals(report);
  return [
    '### Ingest: OTLP protobuf beside JSON events',
    '',
    '| goal | measured | verdict |',
    '| --- | --- | --- |',
    ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.ok ? 'PASS' : 'FAIL'} |`),
    '',
    `${int(c.spansPerRun)} SERVER spans (${c.bytesPerSpan.toFixed(0)} bytes of protobuf each, 6 span and 4 resource attributes) and as many JSON events per run, batch ${int(c.batchSize)} × ${c.clients} clients, ${c.rounds} round(s), OTLP then JSON in each round on emptied tables:`,
    '',
    '| round | OTLP spans/s | JSON events/s | OTLP / JSON |',
    '| --- | --- | --- | --- |',
    ...c.otlp.map(
      (value, i) =>
        `| ${i + 1} | ${int(value)} | ${int(c.json[i]!)} | ${pct(value / c.json[i]!)} |`,
    ),
    `| median | ${int(c.otlpMedian)} | ${int(c.jsonMedian)} | ${pct(c.ratio)} |`,
    '',
    `Freshness, worker on: ${int(f.spans)} spans in ${f.batches} batches at ${int(f.targetRate)} spans/s target (sent ${int(f.achievedRate)}/s); span end → visible in rollups_1m: p50 ${seconds(f.lagMs.p50)}, p95 ${seconds(f.lagMs.p95)}, p99 ${seconds(f.lagMs.p99)}, max ${seconds(f.lagMs.max)}; never rolled up: ${f.uncoveredSpans}.`,
  ].join('\n');
}
