import { distribution, type Distribution } from '../../bench/stats.ts';
import { compareRollupsWithRaw } from '../../testing/rollup-truth.ts';
import type { FaultStack } from './fault-stack.ts';
import { DashboardReaders, IngestSender, type Sample } from './traffic.ts';
import type { Check } from './checks.ts';

export interface DatabaseRestartResult {
  outageSeconds: number;
  duringOutage: {
    requests: number;
    statuses: Record<string, number>;
    withRetryAfter: number;
    latency: Distribution;
  };
  recoverySeconds: number | null;
  acked: number;
  storedOnce: number;
  duplicates: number;
  workerBackSeconds: number | null;
  rollupMismatches: number;
  qualityStates: Record<string, number>;
  checks: Check[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OUTAGE_MS = 10_000;

async function waitFor(deadlineMs: number, probe: () => Promise<boolean>): Promise<number | null> {
  while (Date.now() < deadlineMs) {
    if (await probe().catch(() => false)) return Date.now();
    await sleep(200);
  }
  return null;
}

/**
 * Ingest at a steady rate and dashboards reading while the database stops for 10 s and starts
 * again; then: every acknowledged event stored exactly once, outage answers fast 503s with
 * Retry-After, the same BFF process answers 200 again soon after, and rollups agree with raw events.
 */
export async function proveDatabaseRestart(
  stack: FaultStack,
  log: (line: string) => void,
): Promise<DatabaseRestartResult> {
  const cookie = await stack.signIn();
  const sender = new IngestSender(stack.url, stack.token);
  const readers = new DashboardReaders(stack.url, cookie);
  sender.start();
  readers.start();
  await sleep(5_000);

  log('database: stopping the server under load; it stays down 10 s');
  await stack.stopDatabase();
  // The window in which the database was certainly down: from its exit to the restart command.
  const outageStart = Date.now();
  await sleep(OUTAGE_MS);
  const restartBegins = Date.now();
  await stack.startDatabase();
  const databaseBack = Date.now();
  log(
    `database: back after ${((databaseBack - outageStart) / 1000).toFixed(1)} s; waiting for the BFF to answer 200`,
  );
  const answeredAgain = await waitFor(databaseBack + 30_000, async () => {
    const since = readers.samples.filter((s) => s.at >= databaseBack && s.status === 200);
    return since.length > 0;
  });
  await sleep(10_000);
  await sender.stop();
  await readers.stop();
  const flushed = await sender.flush(Date.now() + 30_000);

  // Catch-up: nothing left to roll up, then rollups must equal raw events at every resolution.
  const inspector = stack.inspector!;
  const caughtUp = await waitFor(Date.now() + 60_000, async () => {
    const [rows] = await inspector.query('SELECT COUNT(*) AS n FROM rollup_dirty');
    return Number((rows as { n: number }[])[0]!.n) === 0;
  });
  const mismatches = await compareRollupsWithRaw(inspector);
  const [firstRuns] = await inspector.query(
    "SELECT MIN(finished_at) AS t FROM worker_runs WHERE status = 'ok' AND started_at >= ?",
    [databaseBack],
  );
  const firstRun = (firstRuns as { t: number | null }[])[0]?.t;
  const workerBackSeconds = firstRun == null ? null : (Number(firstRun) - databaseBack) / 1000;
  const [outageRuns] = await inspector.query(
    "SELECT started_at, finished_at FROM worker_runs WHERE status = 'failed' AND failure_class = 'database_unavailable' AND started_at <= ? AND finished_at >= ?",
    [restartBegins, outageStart],
  );
  const recordedOutage = (outageRuns as { started_at: number; finished_at: number }[])[0];

  const ids = [...sender.acked];
  let storedOnce = 0;
  for (let i = 0; i < ids.length; i += 5_000) {
    const [rows] = await inspector.query('SELECT COUNT(*) AS n FROM events WHERE event_id IN (?)', [
      ids.slice(i, i + 5_000),
    ]);
    storedOnce += Number((rows as { n: number }[])[0]!.n);
  }
  const [dupRows] = await inspector.query(
    'SELECT COUNT(*) - COUNT(DISTINCT event_id) AS d FROM events',
  );
  const duplicates = Number((dupRows as { d: number }[])[0]!.d);

  const all: Sample[] = [...readers.samples, ...sender.samples];
  const outage = all.filter((s) => s.at >= outageStart && s.at + s.ms < restartBegins);
  const statuses: Record<string, number> = {};
  for (const s of outage) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  const qualityStates: Record<string, number> = {};
  for (const s of readers.samples.filter((r) => r.at >= databaseBack && r.quality))
    qualityStates[s.quality!] = (qualityStates[s.quality!] ?? 0) + 1;
  const latency = distribution(outage.map((s) => s.ms));
  const recoverySeconds = answeredAgain === null ? null : (answeredAgain - databaseBack) / 1000;

  const checks: Check[] = [
    {
      promise: 'every acknowledged event is stored exactly once',
      ok: flushed && storedOnce === ids.length && duplicates === 0,
      measured: `${ids.length} acknowledged, ${storedOnce} stored, ${duplicates} duplicates${flushed ? '' : ', some batches never acknowledged'}`,
    },
    {
      promise: 'requests during the outage get 503 with Retry-After',
      ok: outage.length > 0 && outage.every((s) => s.status === 503 && s.retryAfter !== null),
      measured: `${outage.length} requests: ${Object.entries(statuses)
        .map(([k, v]) => `${v} × ${k}`)
        .join(', ')}`,
    },
    {
      promise: 'outage answers are fast (p99 ≤ 1 s, none hangs)',
      ok: latency.p99 <= 1_000,
      measured: `p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms`,
    },
    {
      promise: 'the same BFF process answers 200 within 10 s of the database returning',
      ok: recoverySeconds !== null && recoverySeconds <= 10,
      measured: recoverySeconds === null ? 'never' : `${recoverySeconds.toFixed(1)} s`,
    },
    {
      promise: 'the outage is on record: worker history shows when rollups could not run',
      ok: recordedOutage !== undefined,
      measured: recordedOutage
        ? `failed run "database_unavailable" ${new Date(Number(recordedOutage.started_at)).toISOString().slice(11, 19)}–${new Date(Number(recordedOutage.finished_at)).toISOString().slice(11, 19)} UTC`
        : 'no failed run recorded',
    },
    {
      promise: 'once back, quality says degraded for windows covering the outage, naming it',
      ok: (qualityStates.degraded ?? 0) + (qualityStates.unsafe ?? 0) > 0,
      measured: `quality of 200 reads after the return: ${
        Object.entries(qualityStates)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }`,
    },
    {
      promise: 'rollups catch up and reconcile with raw events',
      ok: caughtUp !== null && mismatches.length === 0,
      measured: `first rollup run ${workerBackSeconds === null ? 'never' : `${workerBackSeconds.toFixed(1)} s`} after the database returned; ${caughtUp === null ? 'backlog left 60 s after the load stopped' : 'no backlog once the load stopped'}; ${mismatches.length} mismatched buckets`,
    },
  ];
  return {
    outageSeconds: (databaseBack - outageStart) / 1000,
    duringOutage: {
      requests: outage.length,
      statuses,
      withRetryAfter: outage.filter((s) => s.retryAfter !== null).length,
      latency,
    },
    recoverySeconds,
    acked: ids.length,
    storedOnce,
    duplicates,
    workerBackSeconds,
    rollupMismatches: mismatches.length,
    qualityStates,
    checks,
  };
}
