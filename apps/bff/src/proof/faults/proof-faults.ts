import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChecks, type Check } from './checks.ts';
import { proveDatabaseRestart } from './database-restart.ts';
import { FaultStack } from './fault-stack.ts';
import { proveFrozenDatabase } from './frozen-database.ts';
import { runKillTests } from './kill-tests.ts';
import { provePoolExhaustion } from './pool-exhaustion.ts';

/**
 * npm run proof:faults [-- --skip-kill-tests] [--only-frozen] [--summary file.json]
 * Faults against the real stack: database restart under load, pool exhaustion and slow queries,
 * a database frozen with SIGSTOP (on a private database server under .data/proof-faults), then
 * the SIGKILL proofs. --only-frozen runs the frozen-database phase alone. Prints a
 * Markdown report; exits 1 if any promise failed.
 */
const bffRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(bffRoot, '../../.data/proof-faults');
const onlyFrozen = process.argv.includes('--only-frozen');
const skipKillTests = onlyFrozen || process.argv.includes('--skip-kill-tests');
const summaryAt = process.argv.indexOf('--summary');
const summaryFile = summaryAt >= 0 ? process.argv[summaryAt + 1] : undefined;
const POOL = {
  poolSize: 6,
  queueTimeoutMs: 1_000,
  statementTimeoutMs: 2_000,
  callDeadlineMs: 3_000,
};
const progress = (line: string) =>
  process.stderr.write(`[proof ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const sections: string[] = [];
  const all: Check[] = [];
  const stack = new FaultStack(dataDir, progress);
  try {
    await stack.start({
      WATCHFLOOR_DB_POOL_SIZE: String(POOL.poolSize),
      WATCHFLOOR_DB_QUEUE_TIMEOUT_MS: String(POOL.queueTimeoutMs),
      WATCHFLOOR_QUERY_TIMEOUT_MS: String(POOL.statementTimeoutMs),
      WATCHFLOOR_DB_CALL_DEADLINE_MS: String(POOL.callDeadlineMs),
    });
    const serverUrl = stack.serverUrl;
    progress(`stack up: BFF ${stack.url}, database ${serverUrl}`);
    if (!onlyFrozen) {
      const restart = await proveDatabaseRestart(stack, progress);
      all.push(...restart.checks);
      sections.push(
        renderChecks(
          'Database restart under load (10 s outage; 500 events/s ingest, 4 dashboard readers)',
          restart.checks,
        ),
      );
      sections.push(
        `Quality states in 200 answers after the database returned: ${
          Object.entries(restart.qualityStates)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        }.\n`,
      );
      progress('pool exhaustion and slow statements');
      const pool = await provePoolExhaustion(stack, POOL);
      all.push(...pool);
      sections.push(
        renderChecks(
          `Pool exhaustion and slow statements (pool ${POOL.poolSize}, queue timeout ${POOL.queueTimeoutMs} ms, statement limit ${POOL.statementTimeoutMs} ms)`,
          pool,
        ),
      );
    }
    progress('database frozen with SIGSTOP');
    const frozen = await proveFrozenDatabase(stack, POOL, progress);
    all.push(...frozen);
    sections.push(
      renderChecks(
        `Database frozen with SIGSTOP for 15 s under load (queue timeout ${POOL.queueTimeoutMs} ms, call deadline ${POOL.callDeadlineMs} ms)`,
        frozen,
      ),
    );
    if (!skipKillTests) {
      progress('SIGKILL proofs');
      const kills = await runKillTests(bffRoot, serverUrl, dataDir);
      all.push(...kills);
      sections.push(renderChecks('Processes killed with SIGKILL', kills));
    }
  } finally {
    await stack.stop();
  }
  const cpus = os.cpus();
  console.log(
    [
      '## proof:faults',
      '',
      `- Command: \`npm run proof:faults\`; date ${new Date().toISOString()}`,
      `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average after ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
      `- Result: ${all.filter((c) => c.ok).length} of ${all.length} promises kept`,
      '',
      ...sections,
    ].join('\n'),
  );
  // Counted like test results, so `npm test` can include this proof in its totals.
  if (summaryFile)
    writeFileSync(
      summaryFile,
      JSON.stringify({
        numPassedTests: all.filter((c) => c.ok).length,
        numFailedTests: all.filter((c) => !c.ok).length,
        testResults: [
          {
            name: 'proof:faults',
            assertionResults: all.map((c) => ({
              fullName: `${c.promise} — ${c.measured}`,
              status: c.ok ? 'passed' : 'failed',
            })),
          },
        ],
      }),
    );
  for (const failed of all.filter((c) => !c.ok))
    console.error(`FAILED: ${failed.promise} — ${failed.measured}`);
  return all.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
