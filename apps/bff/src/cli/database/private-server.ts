import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { canConnect } from './probe.ts';

const SEARCH_DIRS = [
  '/usr/sbin',
  '/usr/bin',
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/libexec',
  '/usr/local/mysql/bin',
];

export function findBinary(names: string[]): string | null {
  const pathDirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const dir of [...pathDirs, ...SEARCH_DIRS]) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateServer {
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a MariaDB/MySQL server of our own from installed binaries, with its data under dataDir,
 * on a free loopback port. The data directory is initialised on first use and reused afterwards.
 */
export async function startPrivateServer(
  dataDir: string,
  log: (line: string) => void,
  options: { port?: number } = {},
): Promise<PrivateServer> {
  const daemon = findBinary(['mariadbd', 'mysqld']);
  if (!daemon) throw new Error('no mariadbd or mysqld binary found');
  const isMariaDb =
    path.basename(daemon) === 'mariadbd' ||
    spawnSync(daemon, ['--version'], { encoding: 'utf8' }).stdout.includes('MariaDB');
  const datadir = path.resolve(dataDir, 'mysql');
  mkdirSync(datadir, { recursive: true });
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  if (!existsSync(path.join(datadir, 'mysql'))) {
    log(`Initialising a private database in ${datadir}…`);
    const init = isMariaDb
      ? spawnSync(
          findBinary(['mariadb-install-db', 'mysql_install_db']) ?? 'mariadb-install-db',
          [
            '--no-defaults',
            `--datadir=${datadir}`,
            '--auth-root-authentication-method=normal',
            '--skip-test-db',
            ...asRoot,
          ],
          { encoding: 'utf8' },
        )
      : spawnSync(
          daemon,
          ['--no-defaults', '--initialize-insecure', `--datadir=${datadir}`, ...asRoot],
          { encoding: 'utf8' },
        );
    if (init.status !== 0)
      throw new Error(`database initialisation failed: ${init.stderr || init.stdout}`);
  }
  const port = options.port ?? (await freePort());
  const logFile = openSync(path.resolve(dataDir, 'mysql.log'), 'a');
  const child: ChildProcess = spawn(
    daemon,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.resolve(dataDir, 'mysql.sock')}`,
      `--pid-file=${path.resolve(dataDir, 'mysql.pid')}`,
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=512M',
      ...asRoot,
    ],
    { stdio: ['ignore', logFile, logFile] },
  );
  const serverUrl = `mysql://root@127.0.0.1:${port}`;
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (!(await canConnect(serverUrl, 1_000))) {
    if (exited || Date.now() > deadline)
      throw new Error(
        `private database server did not start; see ${path.resolve(dataDir, 'mysql.log')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  // Other commands (token:create, worker) find the running private server through this file.
  const urlFile = runningServerFile(dataDir);
  writeFileSync(urlFile, serverUrl);
  return {
    serverUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        rmSync(urlFile, { force: true });
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function runningServerFile(dataDir: string): string {
  return path.resolve(dataDir, 'mysql.url');
}
