import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) =>
      name === 'node_modules' || name === 'dist'
        ? newest
        : Math.max(newest, newestMtime(path.join(target, name))),
    stat.mtimeMs,
  );
}

/** Builds the SPA unless dist is newer than every source it is built from; returns the dist directory. */
export function buildSpaIfStale(root: string, log: (line: string) => void): string {
  const web = path.join(root, 'apps', 'web');
  const dist = path.join(web, 'dist');
  const stamp = path.join(dist, '.built-at');
  const sourcesChanged = Math.max(
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'index.html')),
    newestMtime(path.join(web, 'vite.config.ts')),
    newestMtime(path.join(root, 'packages', 'shared', 'src')),
  );
  const builtAt = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8')) : 0;
  if (builtAt > sourcesChanged && existsSync(path.join(dist, 'index.html'))) return dist;
  log('Building the web app…');
  const result = spawnSync(
    path.join(web, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn'],
    { cwd: web, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('The web app build failed (see above)');
  writeFileSync(stamp, String(Date.now()));
  return dist;
}
