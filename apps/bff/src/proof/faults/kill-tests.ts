import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Check } from './checks.ts';

/** The SIGKILL proofs live as integration tests (they run in `npm test` too); here they run again for the report. */
const KILL_TESTS = [
  {
    file: 'src/modules/rollups/worker-kill.test.ts',
    promise:
      'a rollup worker SIGKILLed mid-run (3 rounds) leaves no partial rollups; the next worker takes the lease and converges',
  },
  {
    file: 'src/modules/actions/workflow/kill.test.ts',
    promise:
      'a BFF SIGKILLed inside action transitions leaves no state change without its audit record, executes nothing twice, and the chain verifies',
  },
];

export async function runKillTests(
  bffRoot: string,
  serverUrl: string,
  reportDir: string,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const test of KILL_TESTS) {
    const report = path.join(reportDir, `proof-${path.basename(test.file, '.ts')}.json`);
    rmSync(report, { force: true });
    const started = performance.now();
    const code = await new Promise<number>((resolve) => {
      const child = spawn(
        path.join(bffRoot, 'node_modules/.bin/vitest'),
        ['run', test.file, '--reporter=json', `--outputFile=${report}`],
        {
          cwd: bffRoot,
          env: { ...process.env, WATCHFLOOR_TEST_SERVER_URL: serverUrl },
          stdio: 'ignore',
        },
      );
      child.on('exit', (exitCode) => resolve(exitCode ?? 1));
    });
    let passed = 0;
    let total = 0;
    try {
      const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
        numPassedTests: number;
        numTotalTests: number;
      };
      passed = parsed.numPassedTests;
      total = parsed.numTotalTests;
    } catch {
      // No report: the run itself failed, which the exit code already says.
    }
    checks.push({
      promise: test.promise,
      ok: code === 0 && total > 0 && passed === total,
      measured: `${passed} of ${total} tests passed in ${((performance.now() - started) / 1000).toFixed(0)} s (\`${test.file}\`)`,
    });
  }
  return checks;
}
