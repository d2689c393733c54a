import { QUALITY_RULES, type QualityReason } from '@watchfloor/shared/quality';
import { nodeLabel, type NodeState } from './cluster-node.ts';
import { clusterNodesOf } from './cluster-view.ts';

/** Why a node's answers may be behind the cluster, or null when they are not (or it is no cluster node). */
function lagOf(state: NodeState): string | null {
  if (state.cluster !== 'Primary' && state.cluster !== 'non-Primary') return null;
  if (!state.synced) return `which is ${state.localState ?? 'not synced'}`;
  if ((state.recvQueue ?? 0) > QUALITY_RULES.clusterRecvQueueDegraded)
    return `which has ${state.recvQueue} write-sets waiting to be applied`;
  if (state.flowControlPaused) return 'which is holding replication back (flow control)';
  return null;
}

/**
 * `cluster_lag` when a node the answer may have been read from lags the cluster: never silently
 * stale. Nothing at all for a pool on a plain server, so quality there is what it always was.
 */
export function clusterReasons(pool: object): QualityReason[] {
  const behind = clusterNodesOf(pool).flatMap((state) => {
    const why = lagOf(state);
    return why ? [`node ${nodeLabel(state)}, ${why}`] : [];
  });
  if (behind.length === 0) return [];
  return [
    {
      code: 'cluster_lag',
      severity: 'degraded',
      message: `Read from ${behind.join('; ')}: figures may be behind the cluster.`,
    },
  ];
}
