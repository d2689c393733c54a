import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { loadEnv } from '../../env.ts';
import { AbSetupError, parseAbBenchArgs } from './ab-args.ts';
import { renderAbReport, type AbScenarioResult } from './ab-report.ts';
import { checkoutRef, thisTreeVersion } from './ab-worktree.ts';
import { CLOCK_AFTER_END_MS } from './api-phase.ts';
import { prepareOperator, signIn } from './bench-session.ts';
import { FULL_DATASET } from './dataset-spec.ts';
import { deepCursor } from './events-cursor.ts';
import { runLoad } from './load-run.ts';
import { rollupCodeFingerprint } from './rollup-fingerprint.ts';
import { apiScenarios, probeScenario } from './scenarios.ts';
import {
  fleetForViews,
  measureSequences,
  serverClockOffset,
  type MeasuredSequences,
} from './distinct-views.ts';
import { viewSequences } from './view-sequences.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { storedDataset } from './stored-dataset.ts';

/**
 * npm run bench:api-ab -- --against <git-ref> [--rounds N] [--seconds S] [--out file.md] [--database name] [--server url]
 * This tree's BFF and <git-ref>'s (checked out into .data/bench-ab/<sha>) side by side on the
 * stored 10 M set of bench:api: both servers up at once, every scenario loaded on one then the
 * other in alternating order, so machine noise falls on both alike and a change's cost shows as
 * a ratio.
 */
const DAY = 86_400_000;
const progress = (message: string) =>
  process.stderr.write(`[bench:api-ab ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main(): Promise<void> {
  const args = parseAbBenchArgs(process.argv.slice(2));
  const spec = args.database ? { ...FULL_DATASET, database: args.database } : FULL_DATASET;
  const loadBefore = os.loadavg();
  progress(`load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}`);
  const url = withDatabase(args.serverUrl, spec.database);
  const info = await storedDataset(args.serverUrl, spec, url, args.database);
  if (info.rollupCode !== (await rollupCodeFingerprint())) {
    progress(
      `warning: the stored rollups were built by other rollup code than this tree's; \`npm run bench:api\` rebuilds them`,
    );
  }
  const ref = await checkoutRef(args.against, progress);
  const env = loadEnv({
    ...process.env,
    MYSQL_URL: url,
    PORT: '0',
    WATCHFLOOR_SIMULATOR: '0',
    WATCHFLOOR_WORKER: '0',
    LOG_LEVEL: 'silent',
  });
  const clockMs = info.endTs + CLOCK_AFTER_END_MS;
  const credentials = await prepareOperator(url, clockMs - 60_000);
  const depth = Math.min(1_000_000, Math.floor((info.firehose.events * 2) / 3));
  const cursor = await deepCursor(url, env.WATCHFLOOR_SECRET, {
    entityId: info.firehose.id,
    entitySlug: info.firehose.slug,
    from: info.endTs - 7 * DAY,
    to: info.endTs,
    depth,
  });
  const load = { connections: 50, seconds: args.seconds, warmupSeconds: 1 };
  const aLabel = 'this tree';
  // Taken before the servers start: the tree may change while they run, the code they loaded does not.
  const aCode = thisTreeVersion();
  const bLabel = args.against === ref.short ? ref.short : `${args.against} (${ref.short})`;

  const servers: ServerProcess[] = [];
  const results: AbScenarioResult[] = [];
  const distinct: { a: MeasuredSequences; b: MeasuredSequences; aFirst: boolean }[] = [];
  try {
    const request = {
      kind: 'bff' as const,
      mysqlUrl: url,
      clockMs,
      ...(args.cacheOff ? { readCacheMs: 0 } : {}),
    };
    const a = await startServerProcess(request);
    servers.push(a);
    const b = await startServerProcess(request, undefined, ref.code);
    servers.push(b);
    progress(`servers up: ${aLabel} ${a.url} (pid ${a.pid}), ${bLabel} ${b.url} (pid ${b.pid})`);
    const sides = [
      { name: 'A', label: aLabel, url: a.url, cookie: await signIn(a.url, credentials) },
      { name: 'B', label: bLabel, url: b.url, cookie: await signIn(b.url, credentials) },
    ] as const;
    const scenarios = apiScenarios(info, cursor);
    for (const scenario of scenarios) {
      for (const side of sides) {
        const probe = await probeScenario(side.url, side.cookie, scenario);
        progress(
          `${scenario.view} ${scenario.window}: ${side.label} first request ${probe.ms.toFixed(0)} ms, ${probe.summary}`,
        );
      }
    }
    for (const [index, scenario] of scenarios.entries()) {
      const rounds: AbScenarioResult['rounds'] = [];
      for (let round = 1; round <= args.rounds; round += 1) {
        // Alternate each round, and start each scenario on the other side from the last, so with
        // an odd number of rounds neither version goes first more often over the whole run.
        const aFirst = (round + index) % 2 === 1;
        const measured: Partial<Record<'A' | 'B', Awaited<ReturnType<typeof runLoad>>>> = {};
        for (const side of aFirst ? sides : [sides[1], sides[0]]) {
          const result = await runLoad({
            url: `${side.url}${scenario.path}`,
            headers: { cookie: side.cookie },
            ...load,
          });
          measured[side.name] = result;
          // The statuses name the cause at once (401: the session; 503: the pool or the database).
          const failed =
            result.failures > 0
              ? `, ${result.failures} failed (${Object.entries(result.failureCodes)
                  .map(([code, n]) => `${code}: ${n}`)
                  .join(', ')})`
              : '';
          progress(
            `${scenario.view} ${scenario.window} (round ${round}) ${side.label}: p95 ${result.p95.toFixed(1)} ms, ${result.requestsPerSecond.toFixed(0)} req/s${failed}`,
          );
        }
        rounds.push({ a: measured.A!, b: measured.B!, aFirst });
      }
      results.push({ scenario, rounds });
    }
    // Every connection on its own walk (distinct-views.ts), twice a scenario's length: split over five levels.
    const sequences = viewSequences(fleetForViews(info), load.connections, 80);
    const walkers = {
      A: {
        url: a.url,
        pid: a.pid,
        cookie: sides[0].cookie,
        serverClockOffsetMs: await serverClockOffset(a.url, sides[0].cookie),
      },
      B: {
        url: b.url,
        pid: b.pid,
        cookie: sides[1].cookie,
        serverClockOffsetMs: await serverClockOffset(b.url, sides[1].cookie),
      },
    };
    for (let round = 1; round <= args.rounds; round += 1) {
      const aFirst = round % 2 === 1;
      const measured: Partial<Record<'A' | 'B', MeasuredSequences>> = {};
      for (const name of aFirst ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        const run = await measureSequences(walkers[name], sequences, {
          ...load,
          seconds: load.seconds * 2,
        });
        measured[name] = run;
        progress(
          `distinct views (round ${round}) ${name === 'A' ? aLabel : bLabel}: ${run.requestsPerSecond.toFixed(0)} req/s, p95 ${Object.entries(
            run.levels,
          )
            .map(([level, f]) => `${level} ${f.p95.toFixed(1)}`)
            .join(', ')} ms`,
        );
      }
      distinct.push({ a: measured.A!, b: measured.B!, aFirst });
    }
  } finally {
    for (const server of servers) await server.stop();
  }

  const report = renderAbReport(
    {
      command: `npm run bench:api-ab -- ${process.argv.slice(2).join(' ')}`,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      a: { label: aLabel, code: aCode },
      b: { label: bLabel, code: `${ref.sha.slice(0, 12)} (worktree ${ref.dir})` },
      dataset: `${spec.database} (${info.totalEvents.toLocaleString('en-US')} events; events cursor ${depth.toLocaleString('en-US')} rows deep)`,
      loadBefore,
      loadAfter: os.loadavg(),
      load,
      cacheOff: args.cacheOff,
      rounds: args.rounds,
    },
    results,
    distinct,
  );
  process.stdout.write(`${report}\n`);
  if (args.outFile) await writeFile(args.outFile, `${report}\n`);
}

main().catch((error: unknown) => {
  progress(
    `failed: ${error instanceof AbSetupError ? error.message : ((error as Error).stack ?? String(error))}`,
  );
  process.exitCode = 1;
});
