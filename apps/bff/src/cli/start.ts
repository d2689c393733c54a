import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadEnv } from '../env.ts';
import { createPool } from '../db/pool.ts';
import { startServer } from '../server.ts';
import { DEMO_USERS, ensureDemoAccounts } from '../modules/auth/demo-accounts.ts';
import { LiveSimulator } from '../modules/simulator/live-simulator.ts';
import { OTLP_SEGMENTS } from '../modules/simulator/otlp-spans.ts';
import { buildSpaIfStale } from './build-spa.ts';
import { seedNewestDemoHistory, startDemoBackfill } from './demo-history.ts';
import { demoIngestToken } from './demo-token.ts';
import { prepareDatabase } from './prepare-database.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = path.join(root, '.data');
const say = (line: string) => console.log(line);

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  const database = await prepareDatabase({
    mysqlUrl: process.env.MYSQL_URL,
    dataDir,
    defaultDatabase: 'watchfloor',
    log: say,
  });
  say(`Database: ${database.server.source} (${database.url.replace(/\/\/[^@]*@/, '//…@')})`);
  let env;
  try {
    // Audit checkpoints are anchored outside the database by default: one directory per database,
    // so a second database never mixes its checkpoints with this one's.
    const anchors = path.join(dataDir, 'audit-anchors', new URL(database.url).pathname.slice(1));
    env = loadEnv({
      WATCHFLOOR_AUDIT_ANCHOR_DIR: anchors,
      ...process.env,
      MYSQL_URL: database.url,
    });
  } catch (error) {
    await database.server.stop();
    throw error;
  }
  // Full JSON logs go to a file; the console shows warnings and the banner, so it stays readable.
  const logFile = path.join(dataDir, 'logs', 'bff.log');
  const logger = pino(
    {
      level: env.LOG_LEVEL,
      base: { service: 'watchfloor-bff' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream([
      { level: 'warn', stream: process.stdout },
      {
        level: env.LOG_LEVEL === 'silent' ? 'info' : env.LOG_LEVEL,
        stream: createWriteStream(logFile, { flags: 'a' }),
      },
    ]),
  );

  const token = env.WATCHFLOOR_DEMO ? demoIngestToken(dataDir, env.WATCHFLOOR_INGEST_TOKEN) : null;
  // The SPA builds (a child process) while the database is seeded.
  const spaBuild = buildSpaIfStale(root, say);
  spaBuild.catch(() => undefined);
  let backfillRecorded = false;
  if (env.WATCHFLOOR_DEMO && token) {
    const pool = createPool({ url: env.MYSQL_URL, connectionLimit: 4 });
    try {
      await ensureDemoAccounts(pool, env.WATCHFLOOR_DEMO_PASSWORD, token);
      // Harnesses that test or measure the whole history (e2e, bench:web) wait for all of it.
      const wholeHistory = process.argv.includes('--whole-history');
      backfillRecorded =
        (await seedNewestDemoHistory(pool, env, logger, say, { wholeHistory })) !== null;
    } finally {
      await pool.end();
    }
  }

  const spaDir = await spaBuild;
  const server = await startServer(env, logger, { spaDir });
  // The rest of the history, on connections of its own so it never queues behind live requests.
  const backfillPool = backfillRecorded
    ? createPool({ url: env.MYSQL_URL, connectionLimit: 2 })
    : null;
  const backfill = backfillPool ? startDemoBackfill(backfillPool, env, logger, say) : null;
  const simulator =
    env.WATCHFLOOR_DEMO && env.WATCHFLOOR_SIMULATOR && token
      ? new LiveSimulator({
          pool: server.pool,
          logger: logger.child({ component: 'simulator' }),
          baseUrl: server.url,
          token,
          ratePerSecond: env.WATCHFLOOR_SIM_RATE,
          seed: env.WATCHFLOOR_SEED,
          historyDays: env.WATCHFLOOR_SEED_DAYS,
          heartbeatName: env.WATCHFLOOR_ALERT_HEARTBEAT_NAME,
        })
      : null;
  simulator?.start();

  say('');
  say(
    `Watchfloor is running at ${server.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (env.WATCHFLOOR_DEMO) {
    say(
      `Demo logins (password "${env.WATCHFLOOR_DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.roles.join(', ')}${u.teams ? ` of ${u.teams.join(', ')}` : ''})`).join(', ')}`,
    );
    say(`Demo ingest token: ${token}`);
    say(
      `Live simulator: ${simulator ? `${env.WATCHFLOOR_SIM_RATE} events/s` : 'off'}; rollup worker: ${server.worker ? 'in-process' : 'off'}`,
    );
    if (simulator)
      say(
        `Demo telemetry: ${[...OTLP_SEGMENTS].join(', ')} through OTLP (/v1/traces); alerts through the Alertmanager webhook; deploys and other changes as change events`,
      );
  }
  if (env.WATCHFLOOR_AUDIT_ANCHOR_DIR)
    say(`Audit checkpoints anchored in ${env.WATCHFLOOR_AUDIT_ANCHOR_DIR}`);
  say(`Logs: ${logFile}. Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} received: stopping…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    // The back-fill stops between batches; the slice it was in is stored again on the next start.
    await backfill?.stop().catch(() => undefined);
    await backfillPool?.end().catch(() => undefined);
    await simulator?.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
    await database.server.stop().catch(() => undefined);
    clearTimeout(force);
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `\nWatchfloor could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
