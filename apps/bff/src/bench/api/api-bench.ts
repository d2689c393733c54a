import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { dropDatabase } from '../../cli/database/probe.ts';
import { createPool } from '../../db/pool.ts';
import { loadEnv } from '../../env.ts';
import { createLogger } from '../../logger.ts';
import { runApiPhase, type PhaseOptions } from './api-phase.ts';
import { renderApiReport } from './api-report.ts';
import { parseApiBenchArgs } from './bench-args.ts';
import { ensureDataset } from './dataset-load.ts';
import { FULL_DATASET, SMALL_DATASET } from './dataset-spec.ts';
import { benchEventFilters } from './events-filter-bench.ts';
import { benchTrends } from './trends-bench.ts';
import { benchAssist } from './assist-bench.ts';

/**
 * npm run bench:api [-- --quick] [--reload] [--drop] [--out file.md] [--profile dir] [--server mysql://root@127.0.0.1:3306] [--database name]
 * Read-path latency and throughput on 10 M (and 1 M) stored events: every drill-down level under
 * 50 connections, 50 connections each walking its own views (distinct-views.ts), the segment 24 h
 * view against a fair bare reference (fair-reference.ts), the raw-table queries the rollups
 * replace, and every raw-events filter combination over 24 h (events-filter-bench.ts).
 * The data sets are kept between runs (marker table); --reload rebuilds them, --drop removes them.
 */
const args = parseApiBenchArgs(process.argv.slice(2));
const FULL = args.database ? { ...FULL_DATASET, database: args.database } : FULL_DATASET;
const SMALL = args.database ? { ...SMALL_DATASET, database: `${args.database}_1m` } : SMALL_DATASET;
const progress = (message: string) =>
  process.stderr.write(`[bench:api ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function describeDatabase(serverUrl: string): Promise<string> {
  const pool = createPool({ url: withDatabase(serverUrl, FULL.database), connectionLimit: 1 });
  try {
    const [rows] = await pool.query(
      'SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool, @@innodb_flush_method AS flush',
    );
    const row = (rows as { v: string; pool: number; flush: string }[])[0];
    return `MariaDB/MySQL ${row?.v}, innodb_buffer_pool_size ${Math.round(Number(row?.pool) / 1_048_576)} MiB, flush ${row?.flush}`;
  } finally {
    await pool.end();
  }
}

/** The commit measured, and whether product code had uncommitted changes at the time. */
function codeVersion(): string {
  try {
    const git = (...argv: string[]) =>
      execFileSync('git', argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty =
      git(
        'status',
        '--porcelain',
        '--',
        'apps/bff/src/modules',
        'apps/bff/src/http',
        'apps/bff/src/db',
        'packages/shared/src',
      ).length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in product code' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

async function main(): Promise<void> {
  if (args.drop) {
    for (const spec of [FULL, SMALL]) await dropDatabase(args.serverUrl, spec.database);
    progress(`dropped ${FULL.database} and ${SMALL.database}`);
    return;
  }
  const loadBefore = os.loadavg();
  // Taken now: the servers load the code as it is when they start, the tree may change meanwhile.
  const code = codeVersion();
  progress(`load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}`);
  const logger = createLogger('warn');
  const full = await ensureDataset(FULL, {
    serverUrl: args.serverUrl,
    reload: args.reload,
    logger,
    progress,
  });
  const small = await ensureDataset(SMALL, {
    serverUrl: args.serverUrl,
    reload: args.reload,
    logger,
    progress,
  });

  const env = loadEnv({
    ...process.env,
    MYSQL_URL: full.url,
    PORT: '0',
    WATCHFLOOR_SIMULATOR: '0',
    WATCHFLOOR_WORKER: '0',
    LOG_LEVEL: 'silent',
  });
  if (args.profileDir) await mkdir(args.profileDir, { recursive: true });
  const load = { connections: 50, seconds: args.quick ? 3 : 6, warmupSeconds: args.quick ? 1 : 2 };
  const rounds = args.quick ? 1 : 3;
  // One run per data set, twice as long as a scenario's: its figures are split over five levels.
  const distinct = {
    connections: 50,
    seconds: args.quick ? 6 : 12,
    warmupSeconds: load.warmupSeconds,
  };
  const rawRounds = args.quick ? 1 : 3;
  const common: Omit<PhaseOptions, 'withViews' | 'withBare' | 'withCacheOff'> = {
    secret: env.WATCHFLOOR_SECRET,
    dbPoolSize: env.WATCHFLOOR_DB_POOL_SIZE,
    load,
    distinct,
    rounds,
    rawRounds,
    profileDir: args.profileDir,
    progress,
  };
  // The small set first: the full set's phase ends with raw-table scans, which would leave the
  // server busy and its cache cold for whatever load ran next.
  const smallPhase = await runApiPhase(small, {
    ...common,
    withViews: false,
    withBare: false,
    withCacheOff: false,
  });
  const fullPhase = await runApiPhase(full, {
    ...common,
    withViews: true,
    withBare: true,
    withCacheOff: !args.quick,
  });
  const trends = await benchTrends(
    { url: full.url, label: full.spec.label, clockMs: full.endTs + 30_000 },
    { load, progress },
  );

  const assist = await benchAssist(
    {
      url: full.url,
      label: full.spec.label,
      clockMs: full.endTs + 30_000,
      endTs: full.endTs,
      segment: full.segment.slug,
    },
    { load, progress },
  );

  const report = renderApiReport(
    {
      command: `npm run bench:api${args.quick ? ' -- --quick' : ''}`,
      code,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      database: await describeDatabase(args.serverUrl),
      loadBefore,
      loadAfter: os.loadavg(),
      load,
      rounds,
      rawRounds,
    },
    fullPhase,
    smallPhase,
  );
  // Every raw-events filter combination over 24 h, each answer computed (issue 16, defect 3).
  const filters = await benchEventFilters(full, {
    rounds: args.quick ? 1 : 3,
    requests: 15,
    progress,
  });
  const output = `${report}\n${trends}\n${assist}\n${filters.report}\n`;
  process.stdout.write(output);
  if (args.outFile) await writeFile(args.outFile, output);
}

main().catch((error: unknown) => {
  progress(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
