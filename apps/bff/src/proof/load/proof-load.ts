import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distribution } from '../../bench/stats.ts';
import { resolveDatabaseServer } from '../../cli/database/resolve-database.ts';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../../cli/database/probe.ts';
import { migrate } from '../../db/migrate.ts';
import { createPool, type Pool } from '../../db/pool.ts';
import { ensureDemoAccounts } from '../../modules/auth/demo-accounts.ts';
import { generateToken } from '../../modules/auth/ingest-token.service.ts';
import { renderChecks, type Check } from '../faults/checks.ts';
import { startBffProcess, type BffProcess } from './bff-process.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-process.ts';
import { DashboardUsers } from './dashboard-users.ts';
import { IngestStream } from './ingest-stream.ts';
import { readFleetMap, seedLoadData } from './load-data.ts';
import { sameFiguresEverywhere, sessionOnEither } from './scale-out.ts';

/**
 * npm run proof:load [-- --users 200] [--seconds 60] [--rate 5000]
 * 200 simulated dashboard users for 60 s while ingest runs at 5,000 events/s, against two BFF
 * processes and two rollup worker processes (one holds the lease) behind a round-robin client, on a
 * scratch database that is dropped at the end. Prints a Markdown report; exits 1 on a broken goal.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const USERS = option('--users', 200);
const SECONDS = option('--seconds', 60);
const RATE = option('--rate', 5_000);
const PASSWORD = 'proof-password';
const progress = (line: string) =>
  process.stderr.write(`[proof ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (response.status !== 200 || !cookie)
    throw new Error(`sign-in as ${username} answered ${response.status}`);
  return cookie;
}

async function freshness(pool: Pool, from: number, to: number) {
  const [rows] = await pool.query(
    "SELECT lag_ms FROM worker_runs WHERE status = 'ok' AND started_at >= ? AND started_at < ? AND lag_ms IS NOT NULL",
    [from, to],
  );
  return distribution((rows as { lag_ms: number }[]).map((r) => Number(r.lag_ms)));
}

async function main(): Promise<number> {
  const server = await resolveDatabaseServer(
    process.env.MYSQL_URL,
    path.join(root, '.data'),
    progress,
  );
  const name = `watchfloor_proof_load_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfAbsent(server.serverUrl, name);
  const url = withDatabase(server.serverUrl, name);
  const pool = createPool({ url, connectionLimit: 4 });
  const bffs: BffProcess[] = [];
  const workers: WorkerProcess[] = [];
  const checks: Check[] = [];
  const sections: string[] = [];
  try {
    await migrate(pool);
    const token = generateToken();
    await ensureDemoAccounts(pool, PASSWORD, token);
    const events = await seedLoadData(pool, progress);
    const fleet = await readFleetMap(pool);
    // At this rate the worker runs in processes of its own (docs/scaling.md): in a BFF's event
    // loop each run would hold up that BFF's requests. One of the two holds the lease at a time.
    for (let i = 0; i < 2; i++) workers.push(startWorkerProcess({ MYSQL_URL: url }));
    for (let i = 0; i < 2; i++)
      bffs.push(
        await startBffProcess({
          MYSQL_URL: url,
          WATCHFLOOR_WORKER: '0',
          WATCHFLOOR_DEMO_PASSWORD: PASSWORD,
        }),
      );
    const urls = bffs.map((b) => b.url);
    progress(
      `two BFFs up (${urls.join(', ')}) and two rollup workers; ${events.toLocaleString('en')} events of history`,
    );
    const cookies = [
      await signIn(urls[0]!, 'operator'),
      await signIn(urls[1]!, 'operator2'),
      await signIn(urls[0]!, 'approver'),
    ];
    checks.push(await sessionOnEither(urls, cookies[0]!));

    const prefix = `load-${randomBytes(3).toString('hex')}`;
    const stream = new IngestStream(urls, token, fleet, RATE, prefix);
    const users = new DashboardUsers(urls, cookies, fleet, USERS);
    stream.start();
    users.start();
    progress(`${USERS} users and ${RATE} events/s: warming up 10 s, then measuring ${SECONDS} s`);
    await sleep(10_000);
    users.samples.length = 0;
    const sentBefore = stream.sent;
    const measureFrom = Date.now();
    await sleep(SECONDS * 1_000);
    const measureTo = Date.now();
    const sentDuring = stream.sent - sentBefore;
    await users.stop();
    await stream.stop();
    const samples = [...users.samples];

    const endpoints = [...new Set(samples.map((s) => s.endpoint))].sort();
    const rows = endpoints.map((endpoint) => {
      const of = samples.filter((s) => s.endpoint === endpoint);
      const d = distribution(of.map((s) => s.ms));
      const errors = of.filter((s) => s.status !== 200).length;
      return { endpoint, n: of.length, d, errors };
    });
    const totalErrors = rows.reduce((n, r) => n + r.errors, 0);
    const lag = await freshness(pool, measureFrom, measureTo);
    sections.push(
      [
        `### ${USERS} dashboard users for ${SECONDS} s while ingesting ${RATE.toLocaleString('en')} events/s`,
        '',
        '| endpoint | requests | p50 | p95 | p99 | max | non-200 |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...rows.map(
          (r) =>
            `| ${r.endpoint} | ${r.n} | ${r.d.p50.toFixed(0)} ms | ${r.d.p95.toFixed(0)} ms | ${r.d.p99.toFixed(0)} ms | ${r.d.max.toFixed(0)} ms | ${r.errors} |`,
        ),
        '',
        `Ingest: ${(sentDuring / SECONDS).toFixed(0)} events/s offered during the measurement, ${stream.acked.toLocaleString('en')} acknowledged in all, ${stream.failedBatches} failed batches. Freshness (worker_runs.lag_ms, ${lag.n} runs): p50 ${(lag.p50 / 1000).toFixed(2)} s, p99 ${(lag.p99 / 1000).toFixed(2)} s.`,
        '',
      ].join('\n'),
    );
    const worst = rows.reduce((a, b) => (b.d.p95 > a.d.p95 ? b : a), rows[0]!);
    checks.push(
      {
        promise: 'p95 ≤ 100 ms for every read endpoint',
        ok: rows.every((r) => r.d.p95 <= 100),
        measured: `worst: ${worst.endpoint} p95 ${worst.d.p95.toFixed(0)} ms`,
      },
      {
        promise: 'errors < 0.1 % of reads',
        ok: totalErrors / Math.max(1, samples.length) < 0.001,
        measured: `${totalErrors} of ${samples.length} (${((100 * totalErrors) / Math.max(1, samples.length)).toFixed(2)} %)`,
      },
      {
        promise: 'freshness lag p99 ≤ 5 s',
        ok: lag.n > 0 && lag.p99 <= 5_000,
        measured: `p99 ${(lag.p99 / 1000).toFixed(2)} s over ${lag.n} worker runs`,
      },
      {
        promise: `ingest keeps up with ${RATE.toLocaleString('en')} events/s`,
        ok: sentDuring / SECONDS >= RATE * 0.95 && stream.failedBatches === 0,
        measured: `${(sentDuring / SECONDS).toFixed(0)} events/s offered, ${stream.failedBatches} failed batches`,
      },
    );
    progress('scale-out checks');
    checks.push(...(await sameFiguresEverywhere(pool, urls, cookies[0]!, prefix, stream.acked)));
  } finally {
    for (const bff of bffs) await bff.stop();
    for (const worker of workers) await worker.stop();
    await pool.end().catch(() => undefined);
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
  const cpus = os.cpus();
  console.log(
    [
      '## proof:load',
      '',
      `- Command: \`npm run proof:load${args.length ? ` -- ${args.join(' ')}` : ''}\`; date ${new Date().toISOString()}`,
      `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; everything (MariaDB, two BFFs, two rollup workers, the load generator) on this machine; load average after ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
      `- Result: ${checks.filter((c) => c.ok).length} of ${checks.length} promises kept`,
      '',
      ...sections,
      renderChecks('Goals and scale-out', checks),
    ].join('\n'),
  );
  return checks.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
