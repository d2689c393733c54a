import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../http/database-fault.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { poolStats } from '../observability/pool-stats.ts';
import { startFreezableProxy } from './freezable-proxy.ts';
import { createPool, withTransaction } from './pool.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

/** Lets every callback already queued run (setImmediate is not faked). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a pool whose every connection is busy', () => {
  it('refuses a waiting request when the queue timeout runs out instead of parking it, and recovers when a connection frees', async () => {
    const pool = createPool({ url: db.url, connectionLimit: 1, queueTimeoutMs: 300 });
    try {
      const held = await pool.getConnection();
      const parked = new Promise((resolve) => pool.once('enqueue', resolve));
      // Only the acquire timer is faked: mysql2 and the event loop keep their real timers.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let outcome: unknown = 'waiting';
      void pool.query('SELECT 1 AS one').then(
        () => (outcome = 'answered'),
        (error: unknown) => (outcome = error),
      );
      await parked;
      await vi.advanceTimersByTimeAsync(299);
      await nextTurn();
      expect(outcome).toBe('waiting');
      await vi.advanceTimersByTimeAsync(1);
      await nextTurn();
      vi.useRealTimers();
      expect((outcome as { code?: string }).code).toBe('POOL_ACQUIRE_TIMEOUT');
      expect(isDatabaseUnavailable(outcome)).toBe(true);
      held.release();
      const [rows] = await pool.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
      // The refused request's late connection went back to the pool: a transaction still gets one.
      const conn = await pool.getConnection();
      conn.release();
    } finally {
      vi.useRealTimers();
      await pool.end();
    }
  });
});

describe('a statement slower than the statement timeout', () => {
  it('is stopped by the database server itself, and the connection stays usable', async () => {
    const pool = createPool({ url: db.url, connectionLimit: 1, statementTimeoutMs: 400 });
    try {
      const error = await pool.query('SELECT SLEEP(5)').then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      const [threads] = await db.pool.query(
        // Only this test's database: other runs on the same server may be sleeping too.
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(5)' AND DB = DATABASE()",
      );
      expect(Number((threads as { n: number }[])[0]!.n)).toBe(0);
      const [rows] = await pool.query('SELECT 2 AS two');
      expect(rows).toEqual([{ two: 2 }]);
    } finally {
      await pool.end();
    }
  });
});

describe('a call the database does not answer (frozen server)', () => {
  it('fails with a client-side deadline error and destroys its connection instead of returning it to the pool', async () => {
    const proxy = await startFreezableProxy(db.url);
    const pool = createPool({ url: proxy.url, connectionLimit: 2, callDeadlineMs: 300 });
    try {
      await pool.query('SELECT 1');
      expect(poolStats(pool).total).toBe(1);
      proxy.freeze();
      const error = await withTransaction(pool, (conn) => conn.query('SELECT 2')).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).toBe('DB_CALL_DEADLINE');
      expect(isDatabaseUnavailable(error)).toBe(true);
      // The connection may be inside a half-read reply: it is gone, not free for the next borrower.
      expect(poolStats(pool).total).toBe(0);
      proxy.thaw();
      const [rows] = await pool.query('SELECT 3 AS three');
      expect(rows).toEqual([{ three: 3 }]);
    } finally {
      await proxy.close();
      await pool.end().catch(() => undefined);
    }
  });
});
