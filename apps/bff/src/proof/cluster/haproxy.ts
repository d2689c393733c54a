import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findBinary } from '../../cli/database/private-server.ts';
import { canConnect } from '../../cli/database/probe.ts';
import { installMissing } from './debian-packages.ts';
import { waitUntil, type NodeAddress } from './galera-node.ts';

export const HAPROXY_PORT = 3310;

export interface Haproxy {
  url: string;
  stop(): Promise<void>;
}

/** haproxy from the path, installed with apt-get when running as root; null (with the command printed) otherwise. */
export function ensureHaproxy(log: (line: string) => void): string | null {
  const found = findBinary(['haproxy']);
  if (found) return found;
  const command = installMissing(['haproxy'], log);
  if (command) {
    log(
      `haproxy is not installed; the writers attach to node1 directly. Install it with:\n  ${command}`,
    );
    return null;
  }
  return findBinary(['haproxy']);
}

/**
 * The writers' address: node1 first, node2 and node3 as backups, failover by a MySQL handshake
 * check (a paused node accepts TCP in the kernel but never greets, so a plain TCP check would
 * keep sending writers to it). Sessions on a server marked down are cut so clients reconnect.
 */
export async function startHaproxy(
  binary: string,
  dir: string,
  nodes: readonly NodeAddress[],
): Promise<Haproxy> {
  const config = path.join(dir, 'haproxy.cfg');
  const servers = nodes.map(
    (n, i) =>
      `  server ${n.name} 127.0.0.1:${n.sqlPort} check inter 500 fall 2 rise 2 on-marked-down shutdown-sessions${i > 0 ? ' backup' : ''}`,
  );
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode tcp',
      '  timeout connect 2s',
      '  timeout client 1h',
      '  timeout server 1h',
      '  timeout check 1s',
      `listen writers`,
      `  bind 127.0.0.1:${HAPROXY_PORT}`,
      '  option mysql-check',
      ...servers,
      '',
    ].join('\n'),
  );
  const log = openSync(path.join(dir, 'haproxy.log'), 'a');
  const child: ChildProcess = spawn(binary, ['-db', '-f', config], { stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `mysql://root@127.0.0.1:${HAPROXY_PORT}`;
  await waitUntil('haproxy to pass a connection through', 15_000, () => canConnect(url, 1_000));
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
