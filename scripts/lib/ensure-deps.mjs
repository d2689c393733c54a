// Installs workspace dependencies when they are missing or older than the lockfile. Plain
// JavaScript on purpose: this runs before TypeScript tooling exists on a fresh clone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && /^(9|10|11)\./.test(probe.stdout.trim())) return ['pnpm', []];
  return ['npx', ['--yes', 'pnpm@10']];
}

export function runPnpm(args, options = {}) {
  const [cmd, prefix] = pnpmCommand();
  const result = spawnSync(cmd, [...prefix, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      npm_config_update_notifier: 'false',
    },
    ...options,
  });
  return result.status ?? 1;
}

export function ensureDependencies() {
  const lockfile = path.join(root, 'pnpm-lock.yaml');
  const stamp = path.join(root, 'node_modules', '.watchfloor-installed');
  const manifests = [
    'package.json',
    'pnpm-workspace.yaml',
    'pnpm-lock.yaml',
    'apps/bff/package.json',
    'apps/web/package.json',
    'packages/shared/package.json',
    'e2e/package.json',
  ];
  const hash = createHash('sha256');
  for (const file of manifests)
    if (existsSync(path.join(root, file))) hash.update(readFileSync(path.join(root, file)));
  const digest = hash.digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  console.log('Installing dependencies (pnpm)…');
  const args = ['install', ...(existsSync(lockfile) ? ['--frozen-lockfile'] : [])];
  if (process.env.CI) args.push('--reporter=append-only');
  const status = runPnpm(args);
  if (status !== 0) {
    console.error(
      'Dependency installation failed. Check network access to the npm registry and run `npm start` again.',
    );
    process.exit(status);
  }
  writeFileSync(stamp, digest);
}

export function tsxBin() {
  return path.join(root, 'apps', 'bff', 'node_modules', '.bin', 'tsx');
}
