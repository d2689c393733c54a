import path from 'node:path';
import {
  GaleraNode,
  UNREACHABLE,
  waitUntil,
  type NodeAddress,
  type NodeStatus,
} from './galera-node.ts';

/** Three Galera nodes on loopback: ports 3311–3313, gcomm 4561/4571/4581. */
export class GaleraCluster {
  readonly nodes: GaleraNode[];

  constructor(dataDir: string) {
    const addresses: NodeAddress[] = [1, 2, 3].map((n) => ({
      name: `node${n}`,
      sqlPort: 3310 + n,
      gcommPort: 4551 + 10 * n,
    }));
    this.nodes = addresses.map((a) => new GaleraNode(a, path.join(dataDir, a.name), addresses));
  }

  node(n: 1 | 2 | 3): GaleraNode {
    return this.nodes[n - 1]!;
  }

  /** Fresh data, node1 bootstraps, node2 and node3 join one after another by SST. */
  async start(log: (line: string) => void): Promise<void> {
    for (const node of this.nodes) node.initialise();
    const [first, ...rest] = this.nodes;
    first!.start({ bootstrap: true });
    await this.waitSynced(first!, 1, 60_000);
    for (const node of rest) {
      node.start();
      await this.waitSynced(node, this.nodes.indexOf(node) + 1, 120_000);
      log(`${node.address.name} joined`);
    }
  }

  /** Until the node is Synced in a primary component of at least `size` nodes. */
  async waitSynced(node: GaleraNode, size: number, timeoutMs: number): Promise<number> {
    return waitUntil(`${node.address.name} synced in a cluster of ${size}`, timeoutMs, async () => {
      const s = await node.status();
      if (!node.running) throw new Error(`${node.address.name} exited:\n${node.logTail()}`);
      return s.ready && s.state === 'Synced' && s.clusterStatus === 'Primary' && s.size >= size;
    });
  }

  /** Until every node runs Synced in one primary component of all three. */
  async waitAllSynced(timeoutMs: number): Promise<number> {
    return waitUntil('all three nodes synced', timeoutMs, async () => {
      const all = await this.statuses();
      return all.every((s) => s.ready && s.state === 'Synced' && s.size === 3);
    });
  }

  /**
   * After quorum was lost and the nodes are back: Galera's pc.recovery normally reforms the last
   * primary component by itself once all its members return (measured: ~7 s). If it has not
   * within `graceMs`, the most advanced reachable node is declared primary (pc.bootstrap=YES).
   */
  async restorePrimary(
    graceMs: number,
    log: (line: string) => void,
  ): Promise<'reformed' | 'bootstrapped'> {
    const primary = async () => (await this.statuses()).some((s) => s.clusterStatus === 'Primary');
    try {
      await waitUntil('a primary component', graceMs, primary);
      return 'reformed';
    } catch {
      const all = await this.statuses();
      const best = all
        .map((s, i) => ({ s, node: this.nodes[i]! }))
        .filter((x) => x.s.reachable)
        .sort((a, b) => b.s.lastCommitted - a.s.lastCommitted)[0];
      if (!best) throw new Error('no node is reachable to bootstrap a primary component');
      log(`no primary after ${graceMs} ms: pc.bootstrap=YES on ${best.node.address.name}`);
      await best.node.bootstrapPrimary();
      await waitUntil('a bootstrapped primary component', 30_000, primary);
      return 'bootstrapped';
    }
  }

  async statuses(): Promise<NodeStatus[]> {
    return Promise.all(this.nodes.map((n) => (n.running ? n.status() : UNREACHABLE)));
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) node.resume();
    // Reverse order: the last to leave is the most advanced, should anyone restart by hand.
    for (const node of [...this.nodes].reverse()) await node.stop();
  }
}
