import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../../cli/database/probe.ts';
import { migrate } from '../../db/migrate.ts';
import { createPool, type Pool } from '../../db/pool.ts';
import { ensureDemoAccounts } from '../../modules/auth/demo-accounts.ts';
import { generateToken } from '../../modules/auth/ingest-token.service.ts';
import { renderChecks, type Check } from '../faults/checks.ts';
import type { BffProcess } from '../load/bff-process.ts';
import { DashboardUsers } from '../load/dashboard-users.ts';
import { readFleetMap } from '../load/load-data.ts';
import { startWorkerProcess, type WorkerProcess } from '../load/worker-process.ts';
import { AckedIngest } from './acked-ingest.ts';
import { ActionRaces, WebhookReceiver } from './action-races.ts';
import {
  actionChecks,
  auditChecks,
  ingestChecks,
  leaderCheck,
  rollupCheck,
} from './cluster-checks.ts';
import { outageChecks, recoveryCheck } from './outage-checks.ts';
import { clusterDataDir, startClusterTarget } from './cluster-target.ts';
import { ClosedWindowReader } from './closed-window.ts';
import type { DatabaseTarget, PhaseTimes } from './database-target.ts';
import { LeaseSampler } from './lease-watch.ts';
import { summariseBffErrors } from './bff-log-summary.ts';
import { startLoggedBff } from './logged-bff.ts';
import { seedClusterData } from './seed-cluster-data.ts';
import { startSingleTarget } from './single-target.ts';

/**
 * npm run proof:cluster [-- --single] [--rate 2000] [--users 100]
 * A three-node MariaDB Galera cluster from the installed packages (or, with --single, one private
 * server), two BFFs and two rollup workers attached to different nodes, under ingest, dashboard
 * users, proposals and 64-way approval races, through three faults: the writers' node killed and
 * restarted, a node partitioned away and healed, two of three nodes killed and brought back. Then
 * the promises of docs/reliability.md, each PASS/FAIL with its figure; exits 1 on any FAIL.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SINGLE = args.includes('--single');
const RATE = option('--rate', 2_000);
const USERS = option('--users', 100);
const STEADY_MS = 10_000;
const PASSWORD = 'proof-password';
const DATABASE = 'watchfloor_proof_cluster';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const progress = (line: string) =>
  process.stderr.write(`[proof ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function main(): Promise<{ code: number; report: string }> {
  const started = Date.now();
  const dataDir = SINGLE ? path.join(clusterDataDir(root), 'single') : clusterDataDir(root);
  mkdirSync(dataDir, { recursive: true });
  for (const n of [1, 2]) rmSync(path.join(dataDir, `bff${n}.log`), { force: true });
  const target: DatabaseTarget = SINGLE
    ? await startSingleTarget(dataDir, progress)
    : await startClusterTarget(dataDir, progress);
  const receiver = new WebhookReceiver();
  const bffs: BffProcess[] = [];
  const workers: WorkerProcess[] = [];
  let inspector: Pool | null = null;
  const checks: Check[] = [];
  const phases: PhaseTimes[] = [];
  try {
    const db = (server: string) => withDatabase(server, DATABASE);
    // A fresh database each run: the single server's data directory outlives it.
    await dropDatabase(target.bffServers[0], DATABASE);
    await createDatabaseIfAbsent(target.bffServers[0], DATABASE);
    const setup = createPool({ url: db(target.bffServers[0]), connectionLimit: 4 });
    const token = generateToken();
    let seeded = 0;
    try {
      await migrate(setup);
      await ensureDemoAccounts(setup, PASSWORD, token);
      seeded = await seedClusterData(setup);
    } finally {
      await setup.end();
    }
    inspector = createPool({ url: db(target.inspectServers[0]!), connectionLimit: 4 });
    const fleet = await readFleetMap(inspector);
    progress(`schema and ${seeded.toLocaleString('en')} events of history ready`);

    const hook = await receiver.start();
    const common = {
      WATCHFLOOR_DEMO_PASSWORD: PASSWORD,
      WATCHFLOOR_ACTION_WEBHOOK_URL: hook,
      WATCHFLOOR_ACTION_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
      WATCHFLOOR_ACTION_WEBHOOK_TYPES: 'restart_entity',
      // The races are the point here, not the per-user budgets that would refuse them.
      WATCHFLOOR_ACTION_PROPOSALS_PER_MINUTE: '100000',
      WATCHFLOOR_ACTION_DECISIONS_PER_MINUTE: '100000',
    };
    for (const server of target.workerServers)
      workers.push(startWorkerProcess({ ...common, MYSQL_URL: db(server) }));
    for (const [i, server] of target.bffServers.entries())
      bffs.push(
        await startLoggedBff(
          { ...common, MYSQL_URL: db(server), WATCHFLOOR_WORKER: '0' },
          path.join(dataDir, `bff${i + 1}.log`),
        ),
      );
    const urls = bffs.map((b) => b.url);
    progress(`two BFFs and two workers up: ${target.layout}`);

    const users = ['operator', 'operator2', 'approver', 'approver2', 'admin', 'admin2', 'admin3'];
    const cookies = new Map<string, string>();
    for (const [i, user] of users.entries()) cookies.set(user, await signIn(urls[i % 2]!, user));
    const hour = 3_600_000;
    const closedTo = Math.floor(started / hour) * hour - hour;
    const closed = new ClosedWindowReader(
      urls,
      cookies.get('operator')!,
      `/api/v1/series?scope=segment&id=${fleet.segments[0]!.slug}&metrics=rate,errors,p95&from=${closedTo - hour}&to=${closedTo}`,
    );
    await closed.prime();

    const ingest = new AckedIngest(
      urls,
      token,
      fleet,
      RATE,
      `cluster-${randomBytes(3).toString('hex')}`,
    );
    const dashboards = new DashboardUsers(
      urls,
      [cookies.get('operator')!, cookies.get('operator2')!, cookies.get('approver')!],
      fleet,
      USERS,
    );
    const races = new ActionRaces(
      urls,
      cookies,
      fleet.segments.flatMap((s) => s.entities),
    );
    const leases = new LeaseSampler(() => inspector);
    const loadFrom = Date.now();
    ingest.start();
    dashboards.start();
    races.start();
    closed.start();
    leases.start();
    progress(`${RATE} events/s, ${USERS} dashboard users, proposals with 64-way approval races`);
    await sleep(STEADY_MS);
    for (const phase of target.phases) {
      phases.push(await phase.run(progress));
      progress(`${phase.name}: ${phases.at(-1)!.note}`);
      await sleep(STEADY_MS);
    }
    progress('stopping the load');
    leases.stop();
    await Promise.all([dashboards.stop(), races.stop(), closed.stop()]);
    await ingest.stop();
    // Writes certified on one node are applied on the others within moments; let them land.
    await sleep(2_000);

    progress('checking promises');
    checks.push(...(await ingestChecks(inspector, ingest)));
    checks.push(...(await actionChecks(inspector, races, receiver)));
    checks.push(...(await auditChecks(inspector)));
    checks.push(await leaderCheck(inspector, loadFrom, Math.max(0, leases.holders.length - 1)));
    const reads = dashboards.samples.map((s) => ({ at: 0, bff: 0, status: s.status, ms: s.ms }));
    checks.push(
      ...outageChecks(
        phases,
        [
          { name: 'ingest', answers: ingest.answers },
          { name: 'actions', answers: races.answers },
          { name: 'closed window', answers: closed.answers },
        ],
        closed,
      ),
      {
        promise: 'dashboard users: only 200 or 503',
        ok: reads.every((r) => r.status === 200 || r.status === 503),
        measured: `${reads.length} reads: ${reads.filter((r) => r.status === 200).length} × 200, ${reads.filter((r) => r.status === 503).length} × 503, ${reads.filter((r) => r.status !== 200 && r.status !== 503).length} other`,
      },
      recoveryCheck(phases, ingest.answers),
    );
    checks.push(await rollupCheck(inspector));
  } finally {
    for (const bff of bffs) await bff.stop().catch(() => undefined);
    for (const worker of workers) await worker.stop().catch(() => undefined);
    await receiver.stop();
    await inspector?.end().catch(() => undefined);
    await target.stop();
  }
  const cpus = os.cpus();
  const report = [
    `## proof:cluster${SINGLE ? ' --single' : ''}`,
    '',
    `- Command: \`npm run proof:cluster${args.length ? ` -- ${args.join(' ')}` : ''}\`; date ${new Date().toISOString()}; took ${((Date.now() - started) / 1000).toFixed(0)} s`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; everything on this machine`,
    `- Layout: ${target.layout}`,
    `- Load: ${RATE.toLocaleString('en')} events/s, ${USERS} dashboard users, a proposal every ~2 s raced by 64 approvals`,
    `- Result: ${checks.filter((c) => c.ok).length} of ${checks.length} promises kept`,
    '',
    '| fault | note |',
    '|---|---|',
    ...phases.map((p) => `| ${p.name} | ${p.note} |`),
    '',
    renderChecks('Promises', checks),
    'Errors the BFFs logged (level ≥ 50), most frequent first:',
    '',
    ...summariseBffErrors([1, 2].map((n) => path.join(dataDir, `bff${n}.log`))),
    '',
  ].join('\n');
  writeFileSync(path.join(dataDir, `proof-cluster${SINGLE ? '-single' : ''}.md`), report);
  return { code: checks.every((c) => c.ok) ? 0 : 1, report };
}

main().then(
  ({ code, report }) => {
    console.log(report);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
