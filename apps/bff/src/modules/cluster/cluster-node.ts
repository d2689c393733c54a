/**
 * What one database address says about its place in a Galera cluster. A plain server (wsrep_on
 * OFF) is `cluster: 'none'` and counts as synced: it has nobody to be behind.
 */
export interface NodeReading {
  /** wsrep_node_name; null on a plain server. */
  node: string | null;
  /** `unknown`: not read yet, or the address did not answer the last read. */
  cluster: 'none' | 'Primary' | 'non-Primary' | 'unknown';
  /** wsrep_local_state_comment: Synced, Donor/Desynced, Joining, Joined… */
  localState: string | null;
  synced: boolean;
  size: number | null;
  /** Write-sets received and not yet applied (wsrep_local_recv_queue). */
  recvQueue: number | null;
  /** Replication is held back by flow control right now. */
  flowControlPaused: boolean;
}

/** A reading of one configured address: `write`, or `read 1`, `read 2`… (never its URL: it may hold a password). */
export interface NodeState extends NodeReading {
  target: string;
}

/** Reads one address's state; the real one is readNodeState, tests pass their own. */
export type NodeReader<P> = (pool: P) => Promise<NodeReading>;

export const UNKNOWN_NODE: NodeReading = {
  node: null,
  cluster: 'unknown',
  localState: null,
  synced: false,
  size: null,
  recvQueue: null,
  flowControlPaused: false,
};

/** How a node is named in messages: its wsrep name, else the address it was configured as. */
export const nodeLabel = (state: NodeState): string => state.node ?? state.target;

/** A node that refuses statements (not in the primary component): reads skip it while another can answer. */
export const refusesStatements = (state: NodeState): boolean => state.cluster === 'non-Primary';
