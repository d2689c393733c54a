import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDatabaseServer } from './database/resolve-database.ts';
import { withDatabase } from './database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from './database/probe.ts';
import { startE2eServer } from './e2e-server.ts';
import { readCounts, run, summarise, type StepResult } from './test-steps.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = (pkg: string, name: string) => path.join(root, pkg, 'node_modules', '.bin', name);
const results: StepResult[] = [];
const only = process.argv.slice(2);
const wanted = (step: string) => only.length === 0 || only.includes(step);

async function vitest(name: string, pkg: string, env: NodeJS.ProcessEnv): Promise<void> {
  const report = path.join(root, '.data', `vitest-${name}.json`);
  const code = await run(
    bin(pkg, 'vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: path.join(root, pkg), env },
  );
  results.push({ name, ok: code === 0, ...readCounts(report) });
}

async function main(): Promise<void> {
  const server = await resolveDatabaseServer(
    process.env.MYSQL_URL,
    path.join(root, '.data'),
    (line) => console.log(line),
  );
  const env = { WATCHFLOOR_TEST_SERVER_URL: server.serverUrl, CI: process.env.CI ?? '' };
  try {
    if (wanted('lint')) {
      console.log('\n▶ lint: ESLint (with the architecture rules), Prettier, the rules fire');
      const code = await run(process.execPath, [path.join(root, 'scripts/lint.mjs')], {
        cwd: root,
      });
      results.push({ name: 'lint', ok: code === 0, passed: 0, failed: 0, skipped: 0 });
    }
    if (wanted('typecheck')) {
      for (const pkg of ['packages/shared', 'apps/bff', 'apps/web', 'e2e']) {
        console.log(`\n▶ typecheck ${pkg}`);
        const code = await run(bin(pkg, 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], {
          cwd: path.join(root, pkg),
        });
        results.push({
          name: `typecheck ${pkg}`,
          ok: code === 0,
          passed: 0,
          failed: 0,
          skipped: 0,
        });
      }
    }
    if (wanted('unit')) {
      console.log('\n▶ unit tests: shared, web');
      await vitest('unit: packages/shared', 'packages/shared', env);
      await vitest('unit: apps/web', 'apps/web', env);
    }
    if (wanted('integration')) {
      console.log('\n▶ integration tests: bff against a real database');
      await vitest('integration: apps/bff', 'apps/bff', env);
    }
    if (wanted('faults')) {
      // The SIGKILL proofs already ran with the integration tests; the rest needs a server of its own.
      console.log(
        '\n▶ proof: faults (database restart under load, pool exhaustion, statement limits)',
      );
      const summary = path.join(root, '.data', 'proof-faults.json');
      const code = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/proof/faults/proof-faults.ts',
          '--skip-kill-tests',
          '--summary',
          summary,
        ],
        { cwd: path.join(root, 'apps/bff') },
      );
      results.push({ name: 'proof: faults', ok: code === 0, ...readCounts(summary) });
    }
    if (wanted('e2e')) await e2e(server.serverUrl);
  } finally {
    await server.stop();
  }
  console.log(`\nSummary\n${summarise(results)}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

async function e2e(serverUrl: string): Promise<void> {
  console.log('\n▶ e2e: npm start against a throwaway database, Playwright in Debian Chromium');
  const database = `watchfloor_test_e2e_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfAbsent(serverUrl, database);
  const report = path.join(root, '.data', 'playwright.json');
  try {
    const mysqlUrl = withDatabase(serverUrl, database);
    const app = await startE2eServer(root, mysqlUrl, {
      WATCHFLOOR_SEED_SCALE: process.env.WATCHFLOOR_SEED_SCALE ?? '0.25',
      WATCHFLOOR_SIM_RATE: process.env.WATCHFLOOR_SIM_RATE ?? '20',
      // Raw events link their traces; the telemetry journey checks the link.
      WATCHFLOOR_TRACE_URL:
        process.env.WATCHFLOOR_TRACE_URL ?? 'http://traces.example/trace/{traceId}',
    });
    try {
      const code = await run(bin('e2e', 'playwright'), ['test', '--reporter=list,json'], {
        cwd: path.join(root, 'e2e'),
        // The database URL lets a journey start a second BFF of its own, to stop it mid-test.
        env: {
          WATCHFLOOR_E2E_URL: app.url,
          WATCHFLOOR_E2E_MYSQL_URL: mysqlUrl,
          PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        },
      });
      results.push({ name: 'e2e: Chromium', ok: code === 0, ...readCounts(report) });
    } finally {
      await app.stop();
    }
  } catch (error) {
    console.error(`e2e could not run: ${(error as Error).message}`);
    results.push({ name: 'e2e: Chromium', ok: false, passed: 0, failed: 1, skipped: 0 });
  } finally {
    await dropDatabase(serverUrl, database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
