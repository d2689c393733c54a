import type { Queryable } from '../../db/pool.ts';
import { allRows } from '../../db/row-values.ts';
import type { NodeReading } from './cluster-node.ts';

interface NameValue {
  Variable_name: string;
  Value: string | null;
}

const STATUS_NAMES = [
  'wsrep_cluster_status',
  'wsrep_local_state_comment',
  'wsrep_cluster_size',
  'wsrep_local_recv_queue',
  'wsrep_flow_control_paused',
  'wsrep_flow_control_active',
] as const;

async function nameValues(conn: Queryable, sql: string, names: readonly string[]) {
  const [rows] = await conn.query(sql, [names]);
  return new Map(
    allRows(rows, (row: NameValue) => [row.Variable_name.toLowerCase(), row.Value ?? ''] as const),
  );
}

/**
 * The node's cluster state. SHOW statements, because a node outside the primary component
 * refuses every SELECT (error 1047) but still answers SHOW; on a plain server wsrep_on is OFF (or
 * absent, on MySQL) and only the variables are read.
 */
export async function readNodeState(conn: Queryable): Promise<NodeReading> {
  const vars = await nameValues(conn, 'SHOW GLOBAL VARIABLES WHERE Variable_name IN (?)', [
    'wsrep_on',
    'wsrep_node_name',
  ]);
  if ((vars.get('wsrep_on') ?? 'OFF').toUpperCase() !== 'ON')
    return {
      node: null,
      cluster: 'none',
      localState: null,
      synced: true,
      size: null,
      recvQueue: null,
      flowControlPaused: false,
    };
  const status = await nameValues(
    conn,
    'SHOW GLOBAL STATUS WHERE Variable_name IN (?)',
    STATUS_NAMES,
  );
  const localState = status.get('wsrep_local_state_comment') ?? null;
  const active = status.get('wsrep_flow_control_active');
  return {
    node: vars.get('wsrep_node_name') || null,
    cluster: status.get('wsrep_cluster_status') === 'Primary' ? 'Primary' : 'non-Primary',
    localState,
    synced: localState === 'Synced',
    size: Number(status.get('wsrep_cluster_size') ?? 0),
    recvQueue: Number(status.get('wsrep_local_recv_queue') ?? 0),
    // Galera 4 says whether flow control is on now; older ones only give the paused share since
    // the last FLUSH STATUS, where anything above zero is the best hint there is.
    flowControlPaused:
      active !== undefined
        ? ['true', 'on', '1'].includes(active.toLowerCase())
        : Number(status.get('wsrep_flow_control_paused') ?? 0) > 0,
  };
}
