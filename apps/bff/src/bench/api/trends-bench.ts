import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createPool } from '../../db/pool.ts';
import { hashPassword } from '../../modules/auth/password.ts';
import { upsertUser } from '../../modules/auth/users.repository.ts';
import { signIn } from './bench-session.ts';
import { runLoad } from './load-run.ts';
import { startServerProcess } from './server-process.ts';

/** The trends goal: 90 days over every segment, at 50 connections. */
export const TRENDS_GOAL_P95_MS = 50;
const PATH = '/api/v1/trends?period=90d';
const USERNAME = 'api-bench-manager';

/** Trends are for managers (operators are refused), so the scenario signs in as one of its own. */
async function prepareManager(
  mysqlUrl: string,
  now: number,
): Promise<{ username: string; password: string }> {
  const password = randomBytes(12).toString('base64url');
  const pool = createPool({ url: mysqlUrl, connectionLimit: 1 });
  try {
    await pool.query(
      'DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
      [USERNAME],
    );
    await pool.query('DELETE FROM users WHERE username = ?', [USERNAME]);
    await upsertUser(
      pool,
      {
        username: USERNAME,
        displayName: 'API bench manager',
        passwordHash: await hashPassword(password),
        roles: ['manager'],
      },
      now,
    );
  } finally {
    await pool.end();
  }
  return { username: USERNAME, password };
}

export interface TrendsBenchOptions {
  load: { connections: number; seconds: number; warmupSeconds: number };
  progress: (message: string) => void;
  /** Write a V8 CPU profile of the BFF process here. */
  profileDir?: string;
}

/**
 * `GET /api/v1/trends?period=90d` on a data set, in its own BFF process whose clock starts at
 * clockMs: the first request alone (every cache cold), then closed-loop load. Returns a Markdown
 * section for the report.
 */
export async function benchTrends(
  data: { url: string; label: string; clockMs: number },
  options: TrendsBenchOptions,
): Promise<string> {
  const credentials = await prepareManager(data.url, data.clockMs - 60_000);
  const bff = await startServerProcess(
    { kind: 'bff', mysqlUrl: data.url, clockMs: data.clockMs },
    options.profileDir,
  );
  try {
    const cookie = await signIn(bff.url, credentials);
    const started = performance.now();
    const response = await fetch(`${bff.url}${PATH}`, { headers: { cookie } });
    const text = await response.text();
    const coldMs = performance.now() - started;
    if (!response.ok) throw new Error(`trends: HTTP ${response.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as {
      data: { segments: unknown[]; incidents: unknown[] };
      quality: { state: string };
    };
    const result = await runLoad({
      url: `${bff.url}${PATH}`,
      headers: { cookie },
      ...options.load,
    });
    options.progress(
      `${data.label}: trends 90 d: p95 ${result.p95.toFixed(1)} ms, ${result.requestsPerSecond.toFixed(0)} req/s (first request alone ${coldMs.toFixed(0)} ms)`,
    );
    const pass = result.p95 <= TRENDS_GOAL_P95_MS && result.failures === 0;
    return [
      `### Trends, ${data.label}, ${options.load.connections} connections (ms)`,
      '| request | first alone (cold caches) | p50 | p95 | p99 | req/s | requests | failed | response |',
      '|---|---|---|---|---|---|---|---|---|',
      `| \`${PATH}\` | ${coldMs.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.requestsPerSecond.toFixed(0)} | ${result.n} | ${result.failures} | ` +
        `${(text.length / 1024).toFixed(0)} KiB, ${body.data.segments.length} segments, ${body.data.incidents.length} incidents, quality ${body.quality.state} |`,
      '',
      `| goal | result | verdict |`,
      '|---|---|---|',
      `| trends 90 d over all segments: p95 ≤ ${TRENDS_GOAL_P95_MS} ms at ${options.load.connections} connections | ${result.p95.toFixed(1)} ms | ${pass ? 'PASS' : 'FAIL'} |`,
      '',
    ].join('\n');
  } finally {
    await bff.stop();
  }
}

// Alone: `node --import tsx src/bench/api/trends-bench.ts mysql://root@127.0.0.1:3306/<database> [--at epoch-ms] [--profile dir]`
// measures any database; the BFF's clock starts at --at (default: now), e.g. 30 s after a stored data set's last event.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const url = argv[0];
  const clockMs = Number(option('--at') ?? Date.now());
  if (!url || url.startsWith('--') || !Number.isFinite(clockMs))
    throw new Error(
      'usage: trends-bench.ts <mysql url with database> [--at epoch-ms] [--profile dir]',
    );
  const progress = (message: string) => process.stderr.write(`[bench:trends] ${message}\n`);
  benchTrends(
    { url, label: new URL(url).pathname.slice(1), clockMs },
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
