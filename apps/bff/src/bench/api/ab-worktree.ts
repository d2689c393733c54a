import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AbSetupError } from './ab-args.ts';
import type { ChildCode } from './server-process.ts';

/** The repository this file belongs to (apps/bff/src/bench/api → five levels up). */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../..',
);
const SERVER_CHILD = 'apps/bff/src/bench/api/server-child.ts';

const git = (cwd: string, ...argv: string[]) =>
  execFileSync('git', argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export interface RefCheckout {
  /** The ref as given, its commit and short commit. */
  ref: string;
  sha: string;
  short: string;
  dir: string;
  /** How to start that checkout's bench server child. */
  code: ChildCode;
}

/**
 * Checks `ref` out into `.data/bench-ab/<short-sha>` (a detached git worktree, reused when
 * present) and installs its dependencies from the local pnpm store, so its own server-child.ts
 * can run with its own tsx and its own node_modules.
 */
export async function checkoutRef(
  ref: string,
  progress: (message: string) => void,
): Promise<RefCheckout> {
  let sha: string;
  try {
    sha = git(REPO_ROOT, 'rev-parse', '--verify', `${ref}^{commit}`);
  } catch {
    throw new AbSetupError(`--against ${ref}: not a commit in ${REPO_ROOT}`);
  }
  const short = git(REPO_ROOT, 'rev-parse', '--short', sha);
  const dir = path.join(REPO_ROOT, '.data', 'bench-ab', short);
  if (existsSync(path.join(dir, '.git')) && git(dir, 'rev-parse', 'HEAD') === sha) {
    progress(`reusing worktree ${path.relative(REPO_ROOT, dir)} (${short})`);
  } else {
    await mkdir(path.dirname(dir), { recursive: true });
    git(REPO_ROOT, 'worktree', 'prune');
    progress(`git worktree add --detach ${path.relative(REPO_ROOT, dir)} ${short}`);
    git(REPO_ROOT, 'worktree', 'add', '--detach', dir, sha);
  }
  progress(`installing ${short}'s dependencies (pnpm install --frozen-lockfile)`);
  // Its output goes to stderr with the progress lines: stdout carries only the report.
  execFileSync('npx', ['-y', 'pnpm@10', 'install', '--frozen-lockfile'], {
    cwd: dir,
    env: {
      ...process.env,
      CI: 'true',
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 2, 2],
  });
  const entry = path.join(dir, SERVER_CHILD);
  if (!existsSync(entry))
    throw new AbSetupError(
      `${ref} (${short}) has no ${SERVER_CHILD}: it predates the forked bench server and cannot be compared this way`,
    );
  const tsx = pathToFileURL(
    createRequire(path.join(dir, 'apps/bff/package.json')).resolve('tsx'),
  ).href;
  return { ref, sha, short, dir, code: { entry, tsx, cwd: dir } };
}

/** This tree's commit, and whether product code had uncommitted changes at the time. */
export function thisTreeVersion(): string {
  try {
    const dirty =
      git(
        REPO_ROOT,
        'status',
        '--porcelain',
        '--',
        'apps/bff/src/modules',
        'apps/bff/src/http',
        'apps/bff/src/db',
        'packages/shared/src',
      ).length > 0;
    return `${git(REPO_ROOT, 'rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in product code' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}
