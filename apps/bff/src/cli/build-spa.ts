import { spawn } from 'node:child_process';
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

/**
 * Builds the SPA unless dist is newer than every source it is built from; resolves to the dist
 * directory. Asynchronous, so a first start seeds the database meanwhile (the build took 6–12 s
 * on the 2-core development machine).
 */
export async function buildSpaIfStale(root: string, log: (line: string) => void): Promise<string> {
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
  const started = Date.now();
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      path.join(web, 'node_modules', '.bin', 'vite'),
      ['build', '--logLevel', 'warn'],
      {
        cwd: web,
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  if (status !== 0) throw new Error('The web app build failed (see above)');
  writeFileSync(stamp, String(Date.now()));
  log(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return dist;
}
