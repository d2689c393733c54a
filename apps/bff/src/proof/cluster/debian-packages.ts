import { spawnSync } from 'node:child_process';

/**
 * Installs missing Debian packages when running as root (CI); otherwise returns the one command
 * that does, for the caller to print. Returns null once nothing is missing.
 */
export function installMissing(
  missing: readonly string[],
  log: (line: string) => void,
): string | null {
  if (missing.length === 0) return null;
  const command = `sudo apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) return command;
  log(`installing Debian's ${missing.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
    { stdio: 'inherit', env },
  );
  return result.status === 0 ? null : command;
}
