import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCounts, summarise } from './test-steps.ts';

const vitestBin = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../node_modules/.bin/vitest',
);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'wf-test-steps-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a real vitest on a small suite with one failing test and returns its JSON report's path. */
function realVitestReport(): string {
  const project = path.join(scratch, 'project', 'src');
  const report = path.join(scratch, 'vitest.json');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    path.join(project, 'sample.test.js'),
    [
      "describe('the answer cache', () => {",
      "  test('serves a fresh answer', () => expect(1).toBe(1));",
      "  test('says how old an answer is', () => expect(1).toBe(2));",
      '});',
    ].join('\n'),
  );
  try {
    execFileSync(
      vitestBin,
      ['run', '--globals', '--reporter=json', `--outputFile.json=${report}`],
      { cwd: path.dirname(project), stdio: 'ignore' },
    );
  } catch {
    // The suite fails on purpose; the report is what is read.
  }
  return report;
}

describe('the summary at the end of npm test', () => {
  it('names each failed vitest test with its file, so the tail of a CI log says what failed', () => {
    const counts = readCounts(realVitestReport());
    const summary = summarise([{ name: 'integration: apps/bff', ok: false, ...counts }]);

    expect(counts).toMatchObject({ passed: 1, failed: 1 });
    expect(summary).toContain(
      '✗ integration: apps/bff: src/sample.test.js › the answer cache says how old an answer is',
    );
    expect(summary).toMatch(/says how old an answer is\n\s+AssertionError: expected 1 to be 2/);
    expect(summary).not.toContain('serves a fresh answer');
    expect(summary).toMatch(/1 passed, 1 failed$/);
  });

  it('names a failed Playwright test with its spec file, nested describes included', () => {
    const report = path.join(scratch, 'playwright.json');
    writeFileSync(
      report,
      JSON.stringify({
        stats: { expected: 1, unexpected: 1, flaky: 0, skipped: 0 },
        suites: [
          {
            title: 'zoom.spec.ts',
            file: 'zoom.spec.ts',
            specs: [{ title: 'zooming narrows the window', tests: [{ status: 'expected' }] }],
            suites: [
              {
                title: 'export',
                specs: [{ title: 'every chart exports PNG', tests: [{ status: 'unexpected' }] }],
              },
            ],
          },
        ],
      }),
    );
    const summary = summarise([{ name: 'e2e: Chromium', ok: false, ...readCounts(report) }]);

    expect(summary).toContain('✗ e2e: Chromium: zoom.spec.ts › every chart exports PNG');
    expect(summary).not.toContain('zooming narrows the window');
  });

  it('lists no failed tests when everything passed', () => {
    expect(summarise([{ name: 'lint', ok: true, passed: 0, failed: 0, skipped: 0 }])).not.toContain(
      'Failed tests',
    );
  });
});
