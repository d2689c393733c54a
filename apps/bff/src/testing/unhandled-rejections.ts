import { createPool, type Pool } from '../db/pool.ts';

/**
 * A real pool to a port nothing listens on: every read fails at once, as with a database gone.
 * One connection, so a read queued last fails only after every read queued before it.
 */
export const deadDatabasePool = (): Pool =>
  createPool({ url: 'mysql://root@127.0.0.1:9/none', connectionLimit: 1 });

/**
 * Collects the process's unhandled rejections while a test runs: under a failing database, a read
 * left without a handler is such a rejection, and it takes a real server down.
 */
export function unhandledRejections() {
  const seen: unknown[] = [];
  const record = (reason: unknown) => seen.push(reason);
  return {
    seen,
    start: () => process.on('unhandledRejection', record),
    stop: () => {
      process.off('unhandledRejection', record);
      seen.length = 0;
    },
    /** Lets Node report what is still unhandled (it does so once the microtask queue drains). */
    settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
  };
}
