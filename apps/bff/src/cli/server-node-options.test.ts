import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function runThroughScripts(env: NodeJS.ProcessEnv): string {
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'scripts/run.mjs'), 'apps/bff/src/cli/testing/print-heap-settings.ts'],
    { cwd: root, env, encoding: 'utf8' },
  );
  return (JSON.parse(out.slice(out.indexOf('{'))) as { nodeOptions: string }).nodeOptions;
}

describe('servers started through the project scripts', () => {
  it('run with the young generation the ingest figures were measured with', () => {
    const { NODE_OPTIONS: _, ...env } = process.env;
    expect(runThroughScripts(env)).toContain('--max-semi-space-size=64');
  });

  it('keep an operator’s own NODE_OPTIONS, including their own semi-space size', () => {
    const options = runThroughScripts({
      ...process.env,
      NODE_OPTIONS: '--max-old-space-size=2048 --max-semi-space-size=32',
    });
    expect(options).toContain('--max-old-space-size=2048');
    expect(options).toContain('--max-semi-space-size=32');
    expect(options).not.toContain('--max-semi-space-size=64');
  });
});
