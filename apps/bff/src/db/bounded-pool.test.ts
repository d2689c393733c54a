import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../http/database-fault.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createPool } from './pool.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('a pool whose every connection is busy', () => {
  it('refuses a waiting request after the queue timeout instead of parking it, and recovers when a connection frees', async () => {
    const pool = createPool({ url: db.url, connectionLimit: 1, queueTimeoutMs: 300 });
    try {
      const held = await pool.getConnection();
      const started = performance.now();
      const refused = await pool.query('SELECT 1 AS one').then(
        () => null,
        (error: unknown) => error,
      );
      const waited = performance.now() - started;
      expect((refused as { code?: string }).code).toBe('POOL_ACQUIRE_TIMEOUT');
      expect(isDatabaseUnavailable(refused)).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(5_000);
      held.release();
      const [rows] = await pool.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
      // The refused request's late connection went back to the pool: a transaction still gets one.
      const conn = await pool.getConnection();
      conn.release();
    } finally {
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
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(5)'",
      );
      expect(Number((threads as { n: number }[])[0]!.n)).toBe(0);
      const [rows] = await pool.query('SELECT 2 AS two');
      expect(rows).toEqual([{ two: 2 }]);
    } finally {
      await pool.end();
    }
  });
});
