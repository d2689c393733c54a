import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { loadEnv } from '../env.ts';
import { createLogger } from '../logger.ts';
import { createIngestToken } from '../modules/auth/ingest-token.service.ts';
import { startServer, type RunningServer } from '../server.ts';
import { monitorBackgroundActivity, redoLogFill } from './background-activity.ts';
import { createBenchDatabase, truncateData, type BenchDatabase } from './bench-database.ts';
import { benchFleet, loadEntityRefs } from './event-factory.ts';
import { loadFleetDay } from './fleet-day.ts';
import { measureFreshness } from './freshness-lag.ts';
import { measurePercentileAccuracy } from './percentile-accuracy.ts';
import { judgeGoals, renderReport, type BenchMeta, type BenchReport } from './report.ts';
import { measureStorage } from './storage-footprint.ts';
import { runThroughputPhase } from './throughput-phase.ts';
import { measureOtlpFreshness } from './ingest/otlp-freshness.ts';
import { judgeOtlpGoals, renderOtlpReport, type OtlpBenchReport } from './ingest/otlp-report.ts';
import { compareOtlpWithJson } from './ingest/otlp-throughput.ts';

/**
 * npm run bench:ingest [-- --quick] [--otlp-only] [--otlp-batch N] [--out file.md] [--server mysql://root@127.0.0.1:3306]
 * Ingest throughput (HTTP vs raw INSERT), OTLP protobuf spans beside JSON events, freshness lag
 * (JSON and OTLP), percentile accuracy and storage, on a scratch database that is dropped at the
 * end, on failure and on Ctrl-C. --otlp-only runs the OTLP phases alone; --otlp-batch sets the
 * spans per OTLP request (default 1,000; an OpenTelemetry Collector's batch processor sends 8,192).
 */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const otlpOnly = args.includes('--otlp-only');
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const serverUrl = option('--server') ?? 'mysql://root@127.0.0.1:3306';
const outFile = option('--out');
const EVENTS_PER_RUN = quick ? 50_000 : 200_000;
const ROUNDS = quick ? 1 : 3;
const FRESHNESS_SECONDS = quick ? 15 : 60;
const FLEET_SCALE = quick ? 0.2 : 1;
const OTLP_SPANS_PER_RUN = quick ? 30_000 : 100_000;
const OTLP_FRESHNESS_SECONDS = quick ? 10 : 30;
const OTLP_BATCH = Number(option('--otlp-batch') ?? 1_000);
if (!Number.isInteger(OTLP_BATCH) || OTLP_BATCH < 1 || OTLP_BATCH > 20_000)
  throw new Error('--otlp-batch must be a whole number of spans from 1 to 20,000');

const logger = createLogger('warn');
const progress = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const servers = new Set<RunningServer>();
let db: BenchDatabase | null = null;

async function cleanup(): Promise<void> {
  for (const server of servers) await server.stop().catch(() => undefined);
  servers.clear();
  await db
    ?.drop()
    .catch((error: unknown) => progress(`could not drop ${db?.name}: ${(error as Error).message}`));
}

// Listeners stay installed while cleaning up: a second Ctrl-C (or a relayed copy) must not end the process before the drop.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping and dropping the scratch database`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function launch(url: string, worker: boolean): Promise<RunningServer> {
  const env = loadEnv({
    ...process.env,
    MYSQL_URL: url,
    PORT: '0',
    LOG_LEVEL: 'warn',
    WATCHFLOOR_SIMULATOR: '0',
    WATCHFLOOR_WORKER: worker ? '1' : '0',
  });
  const server = await startServer(env, logger);
  servers.add(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  servers.delete(server);
  await server.stop();
}

async function freshnessPhase(
  bench: BenchDatabase,
  token: string,
): Promise<Pick<BenchReport, 'freshness' | 'freshnessBackground'>> {
  await truncateData(bench.pool);
  const server = await launch(bench.url, true);
  const fleet = benchFleet();
  const refs = await loadEntityRefs(bench.pool);
  const entityIds = new Map([...refs].map(([slug, ref]) => [slug, ref.id]));
  const common = {
    url: server.url,
    token,
    pool: bench.pool,
    fleet,
    entityIds,
    ratePerSecond: 5_000,
    batchSize: 500,
  };
  await measureFreshness({ ...common, seconds: 3 });
  progress(`freshness: warm-up done, measuring ${FRESHNESS_SECONDS} s`);
  const monitor = monitorBackgroundActivity(bench.pool);
  const freshness = await measureFreshness({ ...common, seconds: FRESHNESS_SECONDS });
  const freshnessBackground = await monitor.stop();
  progress(
    `freshness: p50 ${freshness.lagMs.p50} ms, p99 ${freshness.lagMs.p99} ms, sent ${Math.round(freshness.achievedRate)}/s`,
  );
  await stop(server);
  return { freshness, freshnessBackground };
}

/** OTLP spans/s beside JSON events/s on one ingest server, then OTLP freshness with the worker on. */
async function otlpPhase(bench: BenchDatabase, token: string): Promise<OtlpBenchReport> {
  await truncateData(bench.pool);
  const ingestServer = await launch(bench.url, false);
  const comparison = await compareOtlpWithJson({
    bench,
    serverUrl: ingestServer.url,
    token,
    spansPerRun: OTLP_SPANS_PER_RUN,
    rounds: ROUNDS,
    batchSize: OTLP_BATCH,
    clients: 4,
    progress,
  });
  await stop(ingestServer);
  await truncateData(bench.pool);
  const server = await launch(bench.url, true);
  const common = {
    url: server.url,
    token,
    pool: bench.pool,
    fleet: benchFleet(),
    entityIds: new Map(
      [...(await loadEntityRefs(bench.pool))].map(([slug, ref]) => [slug, ref.id]),
    ),
    ratePerSecond: 5_000,
    batchSize: 500,
  };
  await measureOtlpFreshness({ ...common, seconds: 3 });
  progress(`OTLP freshness: warm-up done, measuring ${OTLP_FRESHNESS_SECONDS} s`);
  const freshness = await measureOtlpFreshness({ ...common, seconds: OTLP_FRESHNESS_SECONDS });
  progress(
    `OTLP freshness: p50 ${freshness.lagMs.p50} ms, p99 ${freshness.lagMs.p99} ms, sent ${Math.round(freshness.achievedRate)}/s`,
  );
  await stop(server);
  return { comparison, freshness };
}

async function otlpOnlyMain(): Promise<void> {
  db = await createBenchDatabase(serverUrl);
  progress(`scratch database ${db.name} (OTLP phases only)`);
  const token = await createIngestToken(db.pool, 'bench');
  const otlp = await otlpPhase(db, token);
  const cpus = os.cpus();
  const text = [
    `Command: \`npm run bench:ingest -- --otlp-only${quick ? ' --quick' : ''}${OTLP_BATCH !== 1_000 ? ` --otlp-batch ${OTLP_BATCH}` : ''}\`, ${new Date().toISOString()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}${nodeOptionsNote()}, ${await describeDatabase(db)}`,
    '',
    renderOtlpReport(otlp),
  ].join('\n');
  process.stdout.write(`${text}\n`);
  if (outFile) await writeFile(outFile, `${text}\n`);
  const failed = judgeOtlpGoals(otlp).filter((goal) => !goal.ok).length;
  progress(failed === 0 ? 'all OTLP goals met' : `${failed} OTLP goal(s) not met`);
}

async function describeDatabase(bench: BenchDatabase): Promise<string> {
  const [rows] = await bench.pool.query(
    'SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_doublewrite AS dw, @@innodb_log_file_size AS log, @@innodb_io_capacity AS io',
  );
  const row = (
    rows as { v: string; bp: number; flush: number; dw: number; log: number; io: number }[]
  )[0]!;
  const mb = (bytes: number) => `${Math.round(Number(bytes) / 1_048_576)} MiB`;
  return `MariaDB ${row.v.split('-')[0]} (innodb_buffer_pool_size ${mb(row.bp)}, innodb_log_file_size ${mb(row.log)}, innodb_io_capacity ${row.io}, innodb_flush_log_at_trx_commit=${row.flush}, doublewrite ${Number(row.dw) ? 'on' : 'off'})`;
}

/** The V8 flags the BFF ran with (npm scripts add the server's young-generation size). */
function nodeOptionsNote(): string {
  const options = process.env.NODE_OPTIONS?.trim();
  return options ? ` (NODE_OPTIONS ${options})` : '';
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  db = await createBenchDatabase(serverUrl);
  const bench = db;
  const redoFillAtStart = await redoLogFill(bench.pool);
  progress(`scratch database ${bench.name}`);
  const token = await createIngestToken(bench.pool, 'bench');
  const ingestServer = await launch(bench.url, false);
  const throughput = await runThroughputPhase({
    bench,
    serverUrl: ingestServer.url,
    token,
    eventsPerRun: EVENTS_PER_RUN,
    rounds: ROUNDS,
    progress,
  });
  await stop(ingestServer);
  const otlp = await otlpPhase(bench, token);
  const { freshness, freshnessBackground } = await freshnessPhase(bench, token);
  await truncateData(bench.pool);
  progress('demo fleet: ingesting and rolling up one day');
  const fleetDay = await loadFleetDay(bench.pool, logger, FLEET_SCALE);
  progress(
    `demo fleet: ${fleetDay.events} events, rollup ${fleetDay.rollupSeconds.toFixed(1)} s; measuring accuracy and storage`,
  );
  const accuracy = await measurePercentileAccuracy(bench.pool, fleetDay.fromMs, fleetDay.toMs);
  const storage = await measureStorage(bench.pool);
  const cpus = os.cpus();
  const meta: BenchMeta = {
    command: `npm run bench:ingest${quick ? ' -- --quick' : ''}`,
    date: new Date().toISOString(),
    quick,
    machine: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}${nodeOptionsNote()}`,
    database: await describeDatabase(bench),
    redoFillAtStart,
    loadBefore,
    loadAfter: os.loadavg(),
  };
  const report: BenchReport = {
    meta,
    throughput,
    freshness,
    freshnessBackground,
    fleetDay,
    accuracy,
    storage,
  };
  const text = `${renderReport(report)}\n\n${renderOtlpReport(otlp)}`;
  process.stdout.write(`${text}\n`);
  if (outFile) await writeFile(outFile, `${text}\n`);
  const failed = [...judgeGoals(report), ...judgeOtlpGoals(otlp)].filter((goal) => !goal.ok).length;
  progress(failed === 0 ? 'all goals met' : `${failed} goal(s) not met`);
}

try {
  await (otlpOnly ? otlpOnlyMain() : main());
} catch (error) {
  if (!stopping) progress(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
