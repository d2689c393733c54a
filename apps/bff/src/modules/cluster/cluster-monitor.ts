import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import {
  nodeLabel,
  refusesStatements,
  UNKNOWN_NODE,
  type NodeReader,
  type NodeState,
} from './cluster-node.ts';
import { readNodeState } from './cluster.repository.ts';
import { registerClusterView } from './cluster-view.ts';
import { spreadReads } from './read-pool.ts';

/** The write address and every read address, as last read. */
export interface ClusterState {
  write: NodeState;
  reads: NodeState[];
}

export interface ClusterMonitorOptions {
  /** Where states come from; tests pass their own (a seam for the source, not for the data path). */
  reader?: NodeReader<Pool>;
  logger?: Logger;
}

/** How often a started monitor reads every address again. */
export const CLUSTER_REFRESH_MS = 2_000;

/**
 * Keeps each address's cluster state, read off the request path: requests only look at the last
 * reading, so a plain server pays two SHOW statements per refresh and nothing per request. Owns
 * the read pool (round-robin over the read addresses, skipping nodes out of the primary component)
 * and tells quality which nodes stand behind the write pool and the read pool.
 */
export class ClusterMonitor {
  /** The read addresses as one pool; the write pool when none is configured. */
  readonly readPool: Pool;
  private write: NodeState = { target: 'write', ...UNKNOWN_NODE };
  private reads: NodeState[];
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly reader: NodeReader<Pool>;

  constructor(
    private readonly pools: { write: Pool; reads?: readonly Pool[] },
    private readonly options: ClusterMonitorOptions = {},
  ) {
    const reads = pools.reads ?? [];
    this.reader = options.reader ?? readNodeState;
    this.reads = reads.map((_, i) => ({ target: `read ${i + 1}`, ...UNKNOWN_NODE }));
    this.readPool =
      reads.length > 0
        ? spreadReads(reads, (pool) => !refusesStatements(this.stateOfRead(pool)))
        : pools.write;
    registerClusterView(pools.write, () => [this.write]);
    if (reads.length > 0) registerClusterView(this.readPool, () => this.readNodesInUse());
  }

  /** The last reading of every address. */
  clusterState(): ClusterState {
    return { write: this.write, reads: [...this.reads] };
  }

  /** Reads every address now (one reading at a time: callers during a refresh share it). */
  refresh(): Promise<void> {
    this.inFlight ??= this.readAll().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * Nodes known to be out of the primary component, for a 1047's message; a refresh starts at
   * once, so a node that rejoined is used again without waiting for the timer.
   */
  unavailableNodes(): string[] {
    void this.refresh().catch(() => undefined);
    return [this.write, ...this.reads].filter(refusesStatements).map(nodeLabel);
  }

  /** Refreshes every CLUSTER_REFRESH_MS until stop(); the timer never keeps the process alive. */
  start(everyMs = CLUSTER_REFRESH_MS): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private stateOfRead(pool: Pool): NodeState {
    const index = (this.pools.reads ?? []).indexOf(pool);
    return this.reads[index] ?? { target: 'read', ...UNKNOWN_NODE };
  }

  /** The read nodes the read pool is sending statements to now. */
  private readNodesInUse(): NodeState[] {
    const open = this.reads.filter((state) => !refusesStatements(state));
    return open.length > 0 ? open : this.reads;
  }

  private async readAll(): Promise<void> {
    const reads = this.pools.reads ?? [];
    const [write, ...readStates] = await Promise.all([
      this.readOne(this.pools.write, this.write),
      ...reads.map((pool, i) => this.readOne(pool, this.reads[i]!)),
    ]);
    this.write = write!;
    this.reads = readStates;
  }

  private async readOne(pool: Pool, previous: NodeState): Promise<NodeState> {
    let next: NodeState;
    try {
      next = { target: previous.target, ...(await this.reader(pool)) };
    } catch (error) {
      // Unreachable is the pool's own failure to report (503 on use, readiness); here it is unknown.
      next = { target: previous.target, ...UNKNOWN_NODE };
      if (previous.cluster !== 'unknown')
        this.options.logger?.warn(
          { err: error, target: previous.target },
          'cluster state unreadable',
        );
    }
    if (next.cluster !== previous.cluster || next.localState !== previous.localState)
      this.options.logger?.info(
        {
          target: next.target,
          node: next.node,
          cluster: next.cluster,
          localState: next.localState,
        },
        'database node state changed',
      );
    return next;
  }
}
