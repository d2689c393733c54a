import { isClusterUnavailable } from '../../db/retry-transaction.ts';
import { unavailable, type AppError } from '../../http/app-error.ts';

/** The statement reached a Galera node outside the primary component (errno 1047); db/ owns the test. */
export { isClusterUnavailable };

/** 503 naming the node(s) known to be out of the primary component; the next request retries. */
export function clusterUnavailable(nodes: readonly string[]): AppError {
  const which =
    nodes.length === 0
      ? 'A database node is'
      : `Database node ${nodes.join(', ')} ${nodes.length === 1 ? 'is' : 'are'}`;
  return unavailable(
    `${which} not in the cluster's primary component (WSREP not ready); try again shortly`,
    5,
  );
}
