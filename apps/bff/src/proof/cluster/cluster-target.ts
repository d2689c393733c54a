import path from 'node:path';
import type { DatabaseTarget, FaultPhase } from './database-target.ts';
import { GaleraCluster } from './galera-cluster.ts';
import { existsSync } from 'node:fs';
import { findBinary } from '../../cli/database/private-server.ts';
import { installMissing } from './debian-packages.ts';
import { GALERA_PROVIDER, waitUntil } from './galera-node.ts';
import { ensureHaproxy, startHaproxy, type Haproxy } from './haproxy.ts';

const OUTAGE_MS = 10_000;
const PARTITION_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The three-node cluster. Writers: BFF 1 and worker 1 go through haproxy (node1 first, the others
 * as backups) when it is installed, else to node1 directly; BFF 2 is attached to node2 and
 * worker 2 to node3, so every node serves someone and writes certify across nodes.
 */
export async function startClusterTarget(
  dataDir: string,
  log: (line: string) => void,
): Promise<DatabaseTarget> {
  const cluster = new GaleraCluster(dataDir);
  const started = Date.now();
  let haproxy: Haproxy | null = null;
  const command = installMissing(
    [
      ...(existsSync(GALERA_PROVIDER) ? [] : ['galera-4']),
      ...(findBinary(['mariadbd', 'mysqld']) ? [] : ['mariadb-server']),
    ],
    log,
  );
  if (command)
    throw new Error(
      `The Galera proof needs MariaDB's Galera packages. Install them with:\n  ${command}`,
    );
  try {
    await cluster.start(log);
    log(`cluster of three synced in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const binary = ensureHaproxy(log);
    if (binary)
      haproxy = await startHaproxy(
        binary,
        dataDir,
        cluster.nodes.map((n) => n.address),
      );
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const [node1, node2, node3] = [cluster.node(1), cluster.node(2), cluster.node(3)];
  const writer = haproxy?.url ?? node1.url;

  const killWriterNode: FaultPhase = {
    name: 'SIGKILL node1 (the writers’ node), restart it',
    async run(say) {
      say('phase 1: SIGKILL node1; it stays down 10 s');
      const faultAt = Date.now();
      await node1.kill();
      // node2 and node3 keep quorum: a primary component exists throughout.
      const restoredAt = faultAt;
      await sleep(OUTAGE_MS);
      node1.start();
      const rejoin = await cluster.waitAllSynced(180_000);
      return {
        name: 'SIGKILL node1 + restart',
        faultAt,
        restoredAt,
        settledAt: Date.now(),
        note: `node1 down 10 s, rejoined and synced ${(rejoin / 1000).toFixed(1)} s after restart; node2+node3 stayed primary`,
      };
    },
  };
  const partitionNode: FaultPhase = {
    name: 'partition node2 away (SIGSTOP), heal',
    async run(say) {
      say('phase 2: SIGSTOP node2 (BFF 2’s node) for 15 s');
      const faultAt = Date.now();
      node2.pause();
      const evicted = await waitUntil('node2 evicted', 60_000, async () => {
        const s = await node1.status();
        return s.clusterStatus === 'Primary' && s.size === 2;
      });
      await sleep(Math.max(0, PARTITION_MS - (Date.now() - faultAt)));
      node2.resume();
      const healedAt = Date.now();
      await waitUntil('node2 back in the component', 120_000, async () => {
        const s = await node1.status();
        return s.size === 3;
      });
      const rejoin = await cluster.waitAllSynced(180_000);
      return {
        name: 'partition node2 + heal',
        faultAt,
        restoredAt: faultAt,
        settledAt: Date.now(),
        note: `evicted after ${(evicted / 1000).toFixed(1)} s; synced ${((Date.now() - healedAt) / 1000).toFixed(1)} s after SIGCONT (${(rejoin / 1000).toFixed(1)} s after it rejoined)`,
      };
    },
  };
  const loseQuorum: FaultPhase = {
    name: 'SIGKILL node1 and node2 (quorum lost), bring them back',
    async run(say) {
      say('phase 3: SIGKILL node1 and node2; node3 alone has no quorum for 10 s');
      const faultAt = Date.now();
      await Promise.all([node1.kill(), node2.kill()]);
      await waitUntil('node3 non-primary', 60_000, async () => {
        const s = await node3.status();
        return s.reachable && s.clusterStatus !== 'Primary';
      });
      await sleep(OUTAGE_MS);
      node1.start();
      node2.start();
      const how = await cluster.restorePrimary(30_000, say);
      const restoredAt = Date.now();
      say(`phase 3: primary component ${how}; waiting for all three to sync`);
      await cluster.waitAllSynced(240_000);
      return {
        name: 'quorum lost (2 of 3 killed) + back',
        faultAt,
        restoredAt,
        settledAt: Date.now(),
        note: `primary ${how} ${((restoredAt - faultAt) / 1000 - OUTAGE_MS / 1000).toFixed(1)} s after the restart; all synced ${((Date.now() - restoredAt) / 1000).toFixed(1)} s later`,
      };
    },
  };

  return {
    layout: haproxy
      ? `BFF 1 and worker 1 through haproxy 127.0.0.1:3310 (node1 first, node2/node3 backup); BFF 2 on node2 (3312); worker 2 on node3 (3313)`
      : `BFF 1 and worker 1 on node1 (3311; haproxy not installed); BFF 2 on node2 (3312); worker 2 on node3 (3313)`,
    bffServers: [writer, node2.url],
    workerServers: [writer, node3.url],
    inspectServers: [node3.url, node1.url, node2.url],
    phases: [killWriterNode, partitionNode, loseQuorum],
    async stop() {
      await haproxy?.stop();
      await cluster.stop();
    },
  };
}

export const clusterDataDir = (root: string) => path.join(root, '.data', 'cluster');
