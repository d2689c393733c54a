import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findBinary, runningServerFile, startPrivateServer } from './private-server.ts';
import { canConnect } from './probe.ts';
import { splitMysqlUrl } from './mysql-url.ts';

export interface ResolvedServer {
  /** Server URL without a database. */
  serverUrl: string;
  /** Database named by MYSQL_URL, if any. */
  database: string | null;
  source: 'MYSQL_URL' | 'local server' | 'private server';
  stop(): Promise<void>;
}

const LOCAL_URL = 'mysql://root@127.0.0.1:3306';
const INSTALL_HINT = 'sudo apt-get install -y mariadb-server';

/**
 * Finds a database server, in order: MYSQL_URL; MySQL/MariaDB on 127.0.0.1:3306 as root without
 * a password; a private server from installed binaries under dataDir; Debian's mariadb-server
 * installed when running as root. Otherwise it fails naming the one command to run.
 */
export async function resolveDatabaseServer(
  mysqlUrl: string | undefined,
  dataDir: string,
  log: (line: string) => void,
): Promise<ResolvedServer> {
  if (mysqlUrl) {
    const { serverUrl, database } = splitMysqlUrl(mysqlUrl);
    if (!(await canConnect(serverUrl, 5_000)))
      throw new Error(
        `MYSQL_URL is set but no database server answers at ${serverUrl.replace(/\/\/[^@]*@/, '//…@')}`,
      );
    return { serverUrl, database, source: 'MYSQL_URL', stop: async () => undefined };
  }
  if (await canConnect(LOCAL_URL))
    return {
      serverUrl: LOCAL_URL,
      database: null,
      source: 'local server',
      stop: async () => undefined,
    };
  const running = existsSync(runningServerFile(dataDir))
    ? readFileSync(runningServerFile(dataDir), 'utf8').trim()
    : null;
  if (running && (await canConnect(running)))
    return {
      serverUrl: running,
      database: null,
      source: 'private server',
      stop: async () => undefined,
    };
  if (!findBinary(['mariadbd', 'mysqld'])) {
    if (process.getuid?.() !== 0)
      throw new Error(
        `No MySQL/MariaDB server or binaries found. Install one with:\n  ${INSTALL_HINT}`,
      );
    log("No database server found; installing Debian's mariadb-server…");
    installMariaDb();
  }
  const server = await startPrivateServer(dataDir, log);
  return {
    serverUrl: server.serverUrl,
    database: null,
    source: 'private server',
    stop: server.stop,
  };
}

function installMariaDb(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'mariadb-server'], {
    stdio: 'inherit',
    env,
  });
  if (install.status !== 0 || !findBinary(['mariadbd', 'mysqld']))
    throw new Error(`Installing mariadb-server failed. Run:\n  ${INSTALL_HINT}`);
}
