import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { findBinary } from '../../cli/database/private-server.ts';

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const CLUSTER_NAME = 'watchfloor-proof';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * As root, nodes run as the packages' `mysql` user: the rsync SST daemon of a joiner drops root
 * privileges to nobody and could not write a root-owned data directory.
 */
function serverUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  return spawnSync('id', ['-u', 'mysql']).status === 0 ? 'mysql' : 'root';
}

/** One node's fixed addresses: the SQL port, gcomm (group traffic), IST (+1) and SST (+2). */
export interface NodeAddress {
  name: string;
  sqlPort: number;
  gcommPort: number;
}

export interface NodeStatus {
  reachable: boolean;
  /** wsrep_cluster_status: Primary, non-Primary or Disconnected. */
  clusterStatus: string;
  /** wsrep_local_state_comment: Synced, Donor/Desynced, Joining, Initialized… */
  state: string;
  size: number;
  ready: boolean;
  lastCommitted: number;
}

export const UNREACHABLE: NodeStatus = {
  reachable: false,
  clusterStatus: 'down',
  state: 'down',
  size: 0,
  ready: false,
  lastCommitted: -1,
};

/**
 * One MariaDB Galera node started from the installed packages with its data under dataDir. Its
 * settings are the ones Galera requires (row binlog, interleaved auto-increment locks, durable
 * commits) plus wsrep_mode=REQUIRED_PRIMARY_KEY, so a table without a primary key fails here
 * rather than replicating unsafely in production.
 */
export class GaleraNode {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly address: NodeAddress,
    private readonly dataDir: string,
    private readonly peers: readonly NodeAddress[],
  ) {}

  get url(): string {
    return `mysql://root@127.0.0.1:${this.address.sqlPort}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private get datadir(): string {
    return path.join(this.dataDir, 'data');
  }

  /** A fresh data directory: nodes that join receive the bootstrapper's data by SST. */
  initialise(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.datadir, { recursive: true });
    const user = serverUser();
    if (user) spawnSync('chown', ['-R', `${user}:`, this.dataDir]);
    const init = spawnSync(
      findBinary(['mariadb-install-db', 'mysql_install_db']) ?? 'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${this.datadir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...(user ? [`--user=${user}`] : []),
      ],
      { encoding: 'utf8' },
    );
    if (init.status !== 0)
      throw new Error(`initialising ${this.address.name} failed: ${init.stderr}`);
  }

  /** Starts mariadbd; `bootstrap` forms a new cluster (--wsrep-new-cluster) instead of joining one. */
  start(options: { bootstrap?: boolean } = {}): void {
    if (this.child) throw new Error(`${this.address.name} is already running`);
    const daemon = findBinary(['mariadbd', 'mysqld']);
    if (!daemon) throw new Error('no mariadbd binary found');
    const { sqlPort, gcommPort, name } = this.address;
    const user = serverUser();
    const log = openSync(path.join(this.dataDir, 'mysql.log'), 'a');
    const child = spawn(
      daemon,
      [
        '--no-defaults',
        `--datadir=${this.datadir}`,
        `--port=${sqlPort}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.dataDir, 'mysql.sock')}`,
        `--pid-file=${path.join(this.dataDir, 'mysql.pid')}`,
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=256M',
        '--innodb-flush-log-at-trx-commit=1',
        '--innodb-autoinc-lock-mode=2',
        '--binlog-format=ROW',
        '--max-connections=400',
        '--wsrep-on=ON',
        `--wsrep-provider=${GALERA_PROVIDER}`,
        `--wsrep-cluster-name=${CLUSTER_NAME}`,
        `--wsrep-cluster-address=gcomm://${this.peers.map((p) => `127.0.0.1:${p.gcommPort}`).join(',')}`,
        `--wsrep-node-name=${name}`,
        `--wsrep-node-address=127.0.0.1:${gcommPort}`,
        // gcache: room for the writes a killed or paused node misses, so it catches up by IST.
        `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${gcommPort};ist.recv_addr=127.0.0.1:${gcommPort + 1};gcache.size=1G`,
        `--wsrep-sst-receive-address=127.0.0.1:${gcommPort + 2}`,
        '--wsrep-sst-method=rsync',
        '--wsrep-mode=REQUIRED_PRIMARY_KEY',
        ...(options.bootstrap ? ['--wsrep-new-cluster'] : []),
        ...(user ? [`--user=${user}`] : []),
      ],
      { stdio: ['ignore', log, log] },
    );
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
  }

  /** A clean shutdown: the node leaves the cluster, which shrinks without losing quorum. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    // A joiner waiting for a state transfer that will never come does not leave on SIGTERM.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** A crash: the others see the node vanish and count it against quorum. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Freezes the process: its gcomm traffic stops, so the others partition it away. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async status(timeoutMs = 2_000): Promise<NodeStatus> {
    let conn: mysql.Connection | null = null;
    try {
      conn = await mysql.createConnection({ uri: this.url, connectTimeout: timeoutMs });
      const [rows] = await conn.query({
        sql: "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_status','wsrep_local_state_comment','wsrep_cluster_size','wsrep_ready','wsrep_last_committed')",
        timeout: timeoutMs,
      });
      const v = new Map(
        (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
      );
      return {
        reachable: true,
        clusterStatus: v.get('wsrep_cluster_status') ?? '?',
        state: v.get('wsrep_local_state_comment') ?? '?',
        size: Number(v.get('wsrep_cluster_size') ?? 0),
        ready: v.get('wsrep_ready') === 'ON',
        lastCommitted: Number(v.get('wsrep_last_committed') ?? -1),
      };
    } catch {
      return UNREACHABLE;
    } finally {
      await conn?.end().catch(() => undefined);
    }
  }

  /** Declares this node's component primary again after quorum was lost. */
  async bootstrapPrimary(): Promise<void> {
    const conn = await mysql.createConnection({ uri: this.url, connectTimeout: 2_000 });
    try {
      await conn.query("SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'");
    } finally {
      await conn.end();
    }
  }

  logTail(lines = 20): string {
    const file = path.join(this.dataDir, 'mysql.log');
    if (!existsSync(file)) return '';
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  }
}

/** Waits until `probe` holds, polling; throws naming `what` when the deadline passes. */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean>,
): Promise<number> {
  const started = Date.now();
  while (!(await probe().catch(() => false))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(250);
  }
  return Date.now() - started;
}
