import type { NodeState } from './cluster-node.ts';

/**
 * Which nodes answer a pool's statements, as last read, per pool object (the way sharedReadsOf
 * keys its cache): quality reads it with nothing but the pool a view already has, so no read path
 * needs another dependency threaded through it. A pool nobody registered has no cluster.
 */
const views = new WeakMap<object, () => readonly NodeState[]>();

export function registerClusterView(pool: object, nodes: () => readonly NodeState[]): void {
  views.set(pool, nodes);
}

/** The nodes behind a pool as last read; empty for a pool without a monitor. */
export function clusterNodesOf(pool: object): readonly NodeState[] {
  return views.get(pool)?.() ?? [];
}
