import type { Pool } from '../../../db/pool.ts';

/** What a Galera node outside the primary component answers to every statement, raised by the real server. */
const REFUSAL =
  "SIGNAL SQLSTATE '08S01' SET MYSQL_ERRNO = 1047, MESSAGE_TEXT = 'WSREP has not yet prepared node for application use'";

/**
 * The pool, except that while `refusing` every statement is replaced by a SIGNAL of error 1047:
 * the driver's error then comes from the server exactly as a non-primary node's would.
 */
export function notPrimaryPool(pool: Pool) {
  const control = { refusing: false };
  const wrapped = new Proxy(pool, {
    get(target, prop, receiver) {
      if ((prop === 'query' || prop === 'execute') && control.refusing)
        return () => target.query(REFUSAL);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { pool: wrapped, control };
}
