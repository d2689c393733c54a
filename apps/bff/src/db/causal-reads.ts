import type { Pool } from 'mysql2/promise';

interface CoreConnection {
  query(sql: string, callback: (error: Error | null, rows?: unknown) => void): void;
}

const SYNC_WAIT = 'SET SESSION wsrep_sync_wait = 1';
// Sets 1 only on a Galera node; elsewhere it keeps the variable as it was, and on MySQL (no such
// variable) it fails harmlessly. Used only while the pool does not yet know which server it has.
const SYNC_WAIT_IF_WSREP =
  'SET SESSION wsrep_sync_wait = IF(@@wsrep_on, 1, @@SESSION.wsrep_sync_wait)';

/**
 * Causal reads on Galera. A write commits on one node and is applied on the others a moment later;
 * with wsrep_sync_wait = 0 the next request, sent through the load balancer to another node, may
 * read the state from before it (an approval that has not happened yet, a session that does not
 * exist, an idempotency key not yet taken) and decide on it. With 1, a node first catches up with
 * everything the cluster committed before the read began.
 *
 * Set once per connection as it is created (the pool's 'connection' event; mysql2 runs statements
 * queued there before any borrower's), never per transaction. Whether the server is a wsrep node is
 * asked once per pool: on a plain server, after the first connection, nothing is sent at all, so a
 * single server is exactly as fast as before.
 */
export function enableCausalReads(pool: Pool): void {
  let wsrep: boolean | undefined;
  let asking = false;
  (pool as unknown as { on(event: 'connection', fn: (conn: CoreConnection) => void): void }).on(
    'connection',
    (conn) => {
      if (wsrep === false) return;
      if (wsrep === true) {
        conn.query(SYNC_WAIT, () => undefined);
        return;
      }
      if (!asking) {
        asking = true;
        conn.query('SELECT @@wsrep_on AS wsrep_on', (error, rows) => {
          asking = false;
          // MySQL has no wsrep variables at all (1193): not a Galera node either.
          if (error && (error as { errno?: number }).errno !== 1193) return; // ask the next one
          const row = (rows as { wsrep_on?: unknown }[] | undefined)?.[0];
          wsrep = !error && Number(row?.wsrep_on) === 1;
        });
      }
      // Not known yet: decide on the server, queued before this connection's first borrower.
      conn.query(SYNC_WAIT_IF_WSREP, () => undefined);
    },
  );
}
