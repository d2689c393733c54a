import { ACTION_TYPES } from '@watchfloor/shared/actions/catalogue';
import { createLogger } from '../../logger.ts';
import { proveAuditTampering } from './audit-phase.ts';
import { proveObjectAuthorisation } from './authz-phase.ts';
import { proveContentTypes, proveCsrf } from './csrf-phase.ts';
import { fingerprintReader } from './db-fingerprint.ts';
import { fuzzEveryRoute } from './fuzz-phase.ts';
import { proveFrozenDatabase } from './frozen-phase.ts';
import { proveHeaders } from './headers-phase.ts';
import { proveHostAllowList } from './host-phase.ts';
import { proveBodyLimits } from './oversize-phase.ts';
import {
  ENTITIES,
  openProofStack,
  propose,
  SEGMENT,
  seedTraffic,
  type ProofStack,
} from './proof-stack.ts';
import { auditTamperingLines, renderSecurityReport } from './report.ts';
import { catalogue, routesWithoutSchemas } from './route-catalogue.ts';
import { proveHttpsCookie, proveSessions } from './session-phase.ts';
import { Tally } from './tally.ts';

/**
 * npm run proof:security [-- --seed N] [--runs N] [--server mysql://root@127.0.0.1:3306] [--only audit-tampering]
 * Hostile input against the real BFF on a scratch database (dropped at the end, on failure and on
 * Ctrl-C): schema-driven fuzzing of every route, body limits, CSRF from another origin in
 * Chromium, sessions and login limits, security headers, object-level authorisation, audit
 * tampering (on a second scratch database of its own; `--only audit-tampering` runs it alone). Prints a
 * Markdown report; exits 1 on any violation.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const seed = Number(option('--seed') ?? Date.now() % 2 ** 31);
const runs = Number(option('--runs') ?? 120);
const mysqlServer = option('--server') ?? 'mysql://root@127.0.0.1:3306';
const logger = createLogger('silent');
const progress = (message: string) =>
  process.stderr.write(`[proof:security ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

let stack = null as ProofStack | null;
/** The audit-tampering phase's own scratch stack, while it runs. */
let auditStack = null as ProofStack | null;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping and dropping the scratch database`);
    void Promise.allSettled([stack?.close(), auditStack?.close()]).finally(() => process.exit(130));
  });
}

/** The audit-tampering phase alone, on its own scratch database. */
async function auditOnly(): Promise<number> {
  const tally = new Tally();
  progress('audit tampering: three attacks on a scratch database, verified by the API and the CLI');
  const checks = await proveAuditTampering({
    mysqlServer,
    logger,
    tally,
    onStack: (opened) => (auditStack = opened),
  });
  const lines = [
    '## Audit tampering',
    '',
    ...auditTamperingLines(checks),
    '',
    `**Violations: ${tally.violations.length}**`,
    ...tally.violations.map((v) => `- ${v}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return tally.violations.length;
}

async function main(): Promise<number> {
  const only = option('--only');
  if (only === 'audit-tampering') return auditOnly();
  if (only !== undefined)
    throw new Error(`--only ${only}: the only phase that runs alone is audit-tampering`);
  const started = Date.now();
  stack = await openProofStack(mysqlServer, logger);
  const s = stack;
  progress(`scratch database ${s.database}`);
  const server = await s.start();
  const baseUrl = server.url;
  const events = await seedTraffic(s, baseUrl, logger);
  const cookies = {
    operator: await s.signIn(baseUrl, 'operator'),
    approver: await s.signIn(baseUrl, 'approver'),
    manager: await s.signIn(baseUrl, 'manager'),
    admin: await s.signIn(baseUrl, 'admin'),
  };
  const byApprover = await propose(baseUrl, cookies.approver, 'drain_entity', ENTITIES[0]!);
  const byOperator = await propose(baseUrl, cookies.operator, 'drain_entity', ENTITIES[1]!);
  const executed = await propose(baseUrl, cookies.operator, 'restart_entity', ENTITIES[2]!);
  progress(
    `fixtures: ${events} events, actions ${byApprover.id} (${byApprover.state}), ${byOperator.id} (${byOperator.state}), ${executed.id} (${executed.state})`,
  );

  const tally = new Tally();
  progress('headers, 404 and a provoked 500');
  const provoked500 = await proveHeaders({ baseUrl, pool: s.pool, tally, cookie: cookies.admin });
  progress('CSRF from another origin in Chromium');
  const csrf = await proveCsrf({
    baseUrl,
    pool: s.pool,
    tally,
    adminCookie: cookies.admin,
    actionId: byOperator.id,
  });
  await proveContentTypes({
    baseUrl,
    tally,
    adminCookie: cookies.admin,
    token: s.token,
    actionId: byOperator.id,
  });
  progress('DNS rebinding: Hosts outside the allow-list');
  const rebinding = await proveHostAllowList({
    baseUrl,
    pool: s.pool,
    tally,
    password: s.password,
    adminCookie: cookies.admin,
    actionId: byOperator.id,
    start: (extraEnv) => s.start(extraEnv),
  });
  progress(
    `DNS rebinding: ${rebinding.requests} requests under ${rebinding.hosts} Hosts, answers ${Object.entries(
      rebinding.byStatus,
    )
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}`,
  );
  progress('object-level authorisation');
  await proveObjectAuthorisation({
    baseUrl,
    tally,
    token: s.token,
    cookies,
    proposedByApprover: byApprover.id,
    entity: ENTITIES[0]!,
  });
  progress('oversize bodies');
  const oversize = await proveBodyLimits({
    baseUrl,
    pool: s.pool,
    tally,
    cookie: cookies.admin,
    token: s.token,
  });
  progress(`fuzzing every route (seed ${seed}, ${runs} runs per route)`);
  await fuzzEveryRoute({
    baseUrl,
    pool: s.pool,
    tally,
    adminCookie: cookies.admin,
    token: s.token,
    freshCookie: () => s.signIn(baseUrl, 'operator2'),
    hints: {
      segment: [SEGMENT],
      segmentId: [SEGMENT],
      entity: ENTITIES,
      entityId: ENTITIES,
      id: [...ENTITIES, SEGMENT],
      target: ENTITIES,
      username: ['admin', 'operator'],
      actionId: [byApprover.id, byOperator.id, executed.id],
      type: ACTION_TYPES,
    },
    pathValues: {
      segmentId: [SEGMENT, 'no-such-segment'],
      entityId: [...ENTITIES, 'no-such-entity'],
      actionId: [byApprover.id, byOperator.id, executed.id, 987654321].map(String),
    },
    seed,
    runs: {
      query: runs,
      body: runs,
      bytes: Math.ceil(runs / 5),
      path: Math.ceil(runs / 4),
      logout: 8,
    },
  });
  progress('database frozen behind a proxy: every route and /readyz');
  const frozen = await proveFrozenDatabase({
    stack: s,
    tally,
    adminCookie: cookies.admin,
    actionId: byOperator.id,
  });
  progress(
    `database frozen: ${frozen.requests} requests, ${Object.entries(frozen.byStatus)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', ')}; slowest ${frozen.maxMs.toFixed(0)} ms (bound ${frozen.boundMs} ms)`,
  );
  await s.pool.query('DELETE FROM login_failures');
  progress('sessions and login limits');
  const { attemptsBefore429 } = await proveSessions(s, baseUrl, tally);
  const https = await proveHttpsCookie(s);
  // Last, and on a scratch database of its own: it rewrites the audit tables and anchors them.
  progress('audit tampering: three attacks on a scratch database, verified by the API and the CLI');
  const auditTampering = await proveAuditTampering({
    mysqlServer,
    logger,
    tally,
    onStack: (opened) => (auditStack = opened),
  });

  const report = renderSecurityReport({
    command: `npm run proof:security${args.length ? ` -- ${args.join(' ')}` : ''}`,
    date: new Date().toISOString(),
    seed,
    durationSeconds: (Date.now() - started) / 1000,
    routes: catalogue().length,
    routesWithoutSchemas: routesWithoutSchemas(),
    tables: (await fingerprintReader(s.pool)).tableNames.length,
    csrf,
    oversize,
    attemptsBefore429,
    provoked500,
    auditTampering,
    tallies: [tally, https],
  });
  process.stdout.write(`${report}\n`);
  return tally.violations.length + https.violations.length;
}

try {
  const violations = await main();
  progress(violations === 0 ? 'no violations' : `${violations} violation(s)`);
  if (violations > 0) process.exitCode = 1;
} catch (error) {
  if (!stopping) progress(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await (stack as ProofStack | null)
    ?.close()
    .catch((error: unknown) =>
      progress(`could not drop the scratch database: ${(error as Error).message}`),
    );
}
