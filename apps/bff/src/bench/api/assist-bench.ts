import { pathToFileURL } from 'node:url';
import { prepareOperator, signIn } from './bench-session.ts';
import { runLoad, type LoadResult } from './load-run.ts';
import { startServerProcess } from './server-process.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Issue 18's goals: a 6 h segment window and a 7-day fleet window, at 10 M events. */
export const ASSIST_GOALS_P95_MS = { segment: 150, fleet: 400 } as const;
/**
 * Why? is computed and stored per press of a button, never refreshed by a page: the goal is the
 * time one press takes (one connection, asking again as soon as it is answered, warm). The same
 * request is also measured with 8 and with 50 presses at once, as load figures.
 */
export const ASSIST_GOAL_CONNECTIONS = 1;
const ASSIST_LOAD_CONNECTIONS = [8] as const;

interface AssistScenario {
  name: string;
  goalMs: number;
  path: string;
}

function assistScenarios(segment: string, endTs: number): AssistScenario[] {
  return [
    {
      name: `segment ${segment}, 6 h`,
      goalMs: ASSIST_GOALS_P95_MS.segment,
      path: `/api/v1/assist/why?scope=segment&id=${segment}&from=${endTs - 6 * HOUR}&to=${endTs}`,
    },
    {
      name: 'fleet, 7 d',
      goalMs: ASSIST_GOALS_P95_MS.fleet,
      path: `/api/v1/assist/why?scope=fleet&from=${endTs - 7 * DAY}&to=${endTs}`,
    },
  ];
}

export interface AssistBenchOptions {
  load: { connections: number; seconds: number; warmupSeconds: number };
  progress: (message: string) => void;
  profileDir?: string;
}

interface AnswerSummary {
  status: string;
  findings: number;
  interesting: number;
  similar: number;
}

/**
 * `GET /api/v1/assist/why` for a 6 h segment window and a 7-day fleet window ending at the data
 * set's last minute, in a BFF process whose clock starts at clockMs: the first request alone, then
 * closed-loop load. Every request computes and stores its own answer (answers are never shared),
 * so this measures the whole path. Returns a Markdown section for the report.
 */
export async function benchAssist(
  data: { url: string; label: string; clockMs: number; endTs: number; segment: string },
  options: AssistBenchOptions,
): Promise<string> {
  const credentials = await prepareOperator(data.url, data.clockMs - 60_000);
  const bff = await startServerProcess(
    { kind: 'bff', mysqlUrl: data.url, clockMs: data.clockMs },
    options.profileDir,
  );
  const rows: string[] = [];
  const verdicts: string[] = [];
  try {
    const cookie = await signIn(bff.url, credentials);
    for (const scenario of assistScenarios(data.segment, data.endTs)) {
      const started = performance.now();
      const response = await fetch(`${bff.url}${scenario.path}`, { headers: { cookie } });
      const text = await response.text();
      const coldMs = performance.now() - started;
      if (!response.ok)
        throw new Error(`assist ${scenario.name}: HTTP ${response.status} ${text.slice(0, 300)}`);
      const answer = summarise(text);
      const words = `${answer.status}, ${answer.findings} findings (${answer.interesting} interesting), ${answer.similar} similar`;
      let goal: LoadResult | null = null;
      for (const connections of [
        ASSIST_GOAL_CONNECTIONS,
        ...ASSIST_LOAD_CONNECTIONS,
        options.load.connections,
      ]) {
        const result = await runLoad({
          url: `${bff.url}${scenario.path}`,
          headers: { cookie },
          ...options.load,
          connections,
        });
        goal ??= result;
        options.progress(
          `${data.label}: assist ${scenario.name} at ${connections}: p95 ${result.p95.toFixed(1)} ms, ${result.requestsPerSecond.toFixed(0)} req/s, answer ${answer.status}`,
        );
        rows.push(
          `| ${scenario.name} | ${connections} | ${coldMs.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.requestsPerSecond.toFixed(0)} | ${result.n} | ${result.failures} | ${words} |`,
        );
      }
      // A refused answer is cheap and says nothing about the rules' cost: it cannot pass.
      const pass = goal!.p95 <= scenario.goalMs && goal!.failures === 0 && answer.status === 'ok';
      verdicts.push(
        `| Why? ${scenario.name}: p95 ≤ ${scenario.goalMs} ms at ${ASSIST_GOAL_CONNECTIONS} connection (one press at a time), answer ok | ${goal!.p95.toFixed(1)} ms, ${answer.status} | ${pass ? 'PASS' : 'FAIL'} |`,
      );
    }
  } finally {
    await bff.stop();
  }
  return [
    `### Why? (assist), ${data.label} (ms; every request computes and stores its own answer)`,
    '| window | connections | first alone | p50 | p95 | p99 | req/s | requests | failed | answer |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| goal | result | verdict |',
    '|---|---|---|',
    ...verdicts,
    '',
  ].join('\n');
}

function summarise(text: string): AnswerSummary {
  const body = JSON.parse(text) as {
    data: { status: string; findings: { interesting: boolean }[]; similar: unknown[] };
  };
  return {
    status: body.data.status,
    findings: body.data.findings.length,
    interesting: body.data.findings.filter((f) => f.interesting).length,
    similar: body.data.similar.length,
  };
}

// Alone: `node --import tsx src/bench/api/assist-bench.ts mysql://root@127.0.0.1:3306/<database> --segment <slug> --end <epoch-ms> [--at epoch-ms] [--profile dir]`
// measures any database whose data ends at --end; the BFF's clock starts at --at (default --end + 30 s).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const url = argv[0];
  const segment = option('--segment');
  const endTs = Number(option('--end'));
  const clockMs = Number(option('--at') ?? endTs + 30_000);
  if (
    !url ||
    url.startsWith('--') ||
    !segment ||
    !Number.isFinite(endTs) ||
    !Number.isFinite(clockMs)
  )
    throw new Error(
      'usage: assist-bench.ts <mysql url with database> --segment <slug> --end <epoch-ms> [--at epoch-ms] [--profile dir]',
    );
  const progress = (message: string) => process.stderr.write(`[bench:assist] ${message}\n`);
  benchAssist(
    { url, label: new URL(url).pathname.slice(1), clockMs, endTs, segment },
    {
      load: { connections: 50, seconds: 10, warmupSeconds: 3 },
      progress,
      profileDir: option('--profile'),
    },
  ).then(
    (report) => process.stdout.write(`${report}\n`),
    (error: unknown) => {
      progress(`failed: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    },
  );
}
