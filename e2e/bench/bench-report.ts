import type { LighthouseScore } from './lighthouse-scores.ts';

/** Nearest-rank percentile of a sample; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface WebBenchResult {
  source: string;
  chromium: string;
  clickToPaint: { level: string; samples: number[] }[];
  initialJs: {
    files: number;
    rawBytes: number;
    gzipBytes: number;
    transferredBytes: number;
    encoding: string;
    withPrefetch: { files: number; gzipBytes: number };
  };
  lighthouse: LighthouseScore[];
}

export const GOALS = {
  clickP95Ms: 250,
  initialJsGzipKb: 350,
  performance: 90,
  accessibility: 98,
} as const;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'meets goal' : '**misses goal**');

/** Every goal the figures miss, in words; empty when all are met. */
export function missedGoals(result: WebBenchResult): string[] {
  const missed = result.clickToPaint
    .filter(({ samples }) => !(percentile(samples, 95) <= GOALS.clickP95Ms))
    .map(
      ({ level, samples }) =>
        `click→painted p95 of ${level} ${percentile(samples, 95).toFixed(0)} ms > ${GOALS.clickP95Ms} ms`,
    );
  if (result.initialJs.gzipBytes / 1024 > GOALS.initialJsGzipKb)
    missed.push(`initial JS ${kb(result.initialJs.gzipBytes)} gzip > ${GOALS.initialJsGzipKb} KB`);
  for (const l of result.lighthouse) {
    if (l.performance < GOALS.performance)
      missed.push(
        `Lighthouse performance of ${l.page}, ${l.theme}: ${l.performance} < ${GOALS.performance}`,
      );
    if (l.accessibility < GOALS.accessibility)
      missed.push(
        `Lighthouse accessibility of ${l.page}, ${l.theme}: ${l.accessibility} < ${GOALS.accessibility}`,
      );
  }
  return missed;
}

/** The figures as one dated run of the "Web" section of docs/benchmarks.md, goals beside each. */
export function renderWebReport(result: WebBenchResult, command: string, ranAt: Date): string {
  const lines = [
    `### Run of ${ranAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `\`${command}\` on this machine (2 cores), ${result.chromium}, headless; ${result.source}.`,
    '',
    '#### Click on a drill-down link → main chart painted',
    "From the click (User Timing mark `watchfloor:click`) to the frame after the level's main chart (raw events: table) was drawn.",
    "Every sample starts on a freshly loaded parent page, so the clicked level's data is not cached (hover prefetch, which a real click also triggers, included).",
    '',
    `| level | samples | p50 | p95 | goal p95 ≤ ${GOALS.clickP95Ms} ms |`,
    '|---|---:|---:|---:|---|',
    ...result.clickToPaint.map(({ level, samples }) => {
      const p95 = percentile(samples, 95);
      return `| ${level} | ${samples.length} | ${percentile(samples, 50).toFixed(0)} ms | ${p95.toFixed(0)} ms | ${verdict(p95 <= GOALS.clickP95Ms)} |`;
    }),
    '',
    '#### Initial JavaScript of the first page',
    'Scripts requested by the overview, empty cache, until its chart was painted (the lazily loaded Highstock chunk included).',
    '',
    `| files | raw | gzip (level 9) | as transferred (${result.initialJs.encoding}) | goal gzip ≤ ${GOALS.initialJsGzipKb} KB |`,
    '|---:|---:|---:|---:|---|',
    `| ${result.initialJs.files} | ${kb(result.initialJs.rawBytes)} | ${kb(result.initialJs.gzipBytes)} | ${kb(result.initialJs.transferredBytes)} | ${verdict(result.initialJs.gzipBytes / 1024 <= GOALS.initialJsGzipKb)} |`,
    '',
    `After the paint, when the browser is idle, the deeper levels' code is prefetched: ${result.initialJs.withPrefetch.files} files, ${kb(result.initialJs.withPrefetch.gzipBytes)} gzip in all.`,
    '',
    '#### Lighthouse (12.x, desktop preset, signed in)',
    "Both themes: dark is the system's colour scheme (Chromium `--force-dark-mode`), which the app follows when the user chose nothing; each run's final screenshot is checked to be in the theme named.",
    '',
    `| page | theme | performance | accessibility | metrics | goals ≥ ${GOALS.performance} / ≥ ${GOALS.accessibility} |`,
    '|---|---|---:|---:|---|---|',
    ...result.lighthouse.map(
      (l) =>
        `| ${l.page} | ${l.theme} | ${l.performance} | ${l.accessibility} | ${l.metrics} | ${verdict(l.performance >= GOALS.performance && l.accessibility >= GOALS.accessibility)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/**
 * The document with this run added to its "## Web" section, newest first: after the section's
 * introduction and before the runs and comparisons already there, which are kept as they are.
 * Without a "## Web" section one is appended. Other sections are left exactly as they are.
 */
export function addWebRun(document: string, run: string): string {
  const entry = `${run.trim()}\n`;
  const start = document.search(/^## Web\s*$/m);
  if (start < 0)
    return `${document.trimEnd()}${document.trim() ? '\n\n' : '# Benchmarks\n\n'}## Web\n\n${entry}`;
  const afterHeading = document.indexOf('\n', start) + 1;
  const rest = document.slice(afterHeading);
  const nextSection = rest.search(/^## /m);
  const firstRun = rest.search(/^### /m);
  const at =
    firstRun >= 0 && (nextSection < 0 || firstRun < nextSection)
      ? afterHeading + firstRun
      : nextSection >= 0
        ? afterHeading + nextSection
        : document.length;
  const before = document.slice(0, at).trimEnd();
  const after = document.slice(at);
  return `${before}\n\n${entry}${after ? `\n${after}` : ''}`;
}
