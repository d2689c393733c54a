import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

export interface StepResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  /** Full names of the tests that failed, so the summary at the end of a long log names them. */
  failedNames?: string[];
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: {
    name?: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName?: string; status?: string; failureMessages?: string[] }[];
  }[];
}

interface PlaywrightSuite {
  title?: string;
  file?: string;
  specs?: { title?: string; tests?: { status?: string }[] }[];
  suites?: PlaywrightSuite[];
}

interface PlaywrightReport {
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  suites?: PlaywrightSuite[];
}

type Counts = Pick<StepResult, 'passed' | 'failed' | 'skipped' | 'failedNames'>;

/** Reads test counts and failed test names from a vitest (Jest-shaped) or Playwright JSON report. */
export function readCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport & PlaywrightReport;
  rmSync(file, { force: true });
  return report.stats ? playwrightCounts(report) : vitestCounts(report);
}

function vitestCounts(report: VitestReport): Counts {
  const failedNames = (report.testResults ?? []).flatMap((file) => {
    const failed = (file.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map(
        (test) =>
          `${relativeName(file.name)} › ${test.fullName ?? '?'}${why(test.failureMessages?.[0])}`,
      );
    // A file that fails to load or in a hook has no failed test of its own to name.
    if (failed.length === 0 && file.status === 'failed')
      return [`${relativeName(file.name)}${why(file.message)}`];
    return failed;
  });
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    failedNames,
  };
}

function playwrightCounts(report: PlaywrightReport): Counts {
  const failedNames: string[] = [];
  const walk = (suite: PlaywrightSuite, file: string | undefined) => {
    for (const spec of suite.specs ?? [])
      if (spec.tests?.some((test) => test.status === 'unexpected'))
        failedNames.push(`${file ?? suite.title ?? '?'} › ${spec.title ?? '?'}`);
    for (const child of suite.suites ?? []) walk(child, file ?? suite.file);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
    failedNames,
  };
}

/** The first line of a failure, on its own line under the test's name: enough to start from. */
function why(message: string | undefined): string {
  const first = message?.split('\n').find((line) => line.trim().length > 0);
  return first ? `\n      ${first.trim().slice(0, 300)}` : '';
}

function relativeName(file: string | undefined): string {
  if (!file) return '?';
  const at = file.indexOf('/src/');
  return at >= 0 ? file.slice(at + 1) : file;
}

export function summarise(results: StepResult[]): string {
  const lines = results.map(
    (r) =>
      `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.passed + r.failed > 0 ? ` (${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''})` : ''}`,
  );
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed + (r.ok || r.failed > 0 ? 0 : 1), 0);
  const names = results.flatMap((r) => (r.failedNames ?? []).map((n) => `  ✗ ${r.name}: ${n}`));
  const failures = names.length > 0 ? `\n\nFailed tests\n${names.join('\n')}` : '';
  return `${lines.join('\n')}${failures}\n\n${passed} passed, ${failed} failed`;
}
