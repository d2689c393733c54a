import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../testing/captured-logger.ts';
import { driverError, refuseCommits, type Refusals } from '../testing/refuse-commits.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { onCommit } from './commit-hooks.ts';
import { createPool, withTransaction } from './pool.ts';
import {
  configureRetries,
  isCertificationConflict,
  isClusterUnavailable,
  retryStatement,
} from './retry-transaction.ts';

let db: TestDatabase;
let refusals: Refusals | undefined;
const log = capturedLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    'CREATE TABLE retry_probe (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(40) NOT NULL)',
  );
  // Backoff of at most a few ms and no deadline in the way: attempts alone bound these tests.
  configureRetries(db.pool, {
    logger: log.logger,
    deadlineMs: 60_000,
    conflictDelayMs: 1,
    unavailableDelayMs: 1,
    maxDelayMs: 5,
    conflictAttempts: 4,
    unavailableAttempts: 3,
  });
});
afterEach(() => {
  refusals?.restore();
  refusals = undefined;
  log.lines.length = 0;
});
afterAll(async () => db?.drop());

async function labels(): Promise<string[]> {
  const [rows] = await db.pool.query('SELECT label FROM retry_probe ORDER BY id');
  return (rows as { label: string }[]).map((row) => row.label);
}

const insert = (label: string) =>
  withTransaction(db.pool, async (conn) => {
    await conn.query('INSERT INTO retry_probe (label) VALUES (?)', [label]);
    return label;
  });

describe('the refused-commit seam', () => {
  it('throws exactly the error mysql2 gives for 1213 and 1047, recognised by the predicates', () => {
    const conflict = driverError(1213);
    expect(conflict).toMatchObject({
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
      sqlState: '40001',
      message: 'Deadlock found when trying to get lock; try restarting transaction',
    });
    expect(isCertificationConflict(conflict)).toBe(true);
    expect(isClusterUnavailable(conflict)).toBe(false);
    expect(isClusterUnavailable(driverError(1047))).toBe(true);
    expect(isCertificationConflict(new Error('other'))).toBe(false);
  });
});

describe('a transaction refused at COMMIT', () => {
  it('is run again as a whole and applied once, with each retry logged at warn with its errno and attempt', async () => {
    refusals = refuseCommits(db.pool, { errno: 1213, when: /once-refused/ });
    let runs = 0;
    let hooks = 0;
    const result = await withTransaction(db.pool, async (conn) => {
      runs += 1;
      await conn.query('INSERT INTO retry_probe (label) VALUES (?)', ['once-refused']);
      onCommit(conn, () => (hooks += 1));
      return 'done';
    });
    expect(result).toBe('done');
    expect(refusals.refused).toBe(1);
    expect(runs).toBe(2);
    // The refused attempt's commit hook was dropped: only the committed attempt's ran.
    expect(hooks).toBe(1);
    expect(await labels()).toContain('once-refused');
    expect((await labels()).filter((l) => l === 'once-refused')).toHaveLength(1);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: 40, errno: 1213, attempt: 1 });
  });

  it('gives up after the bounded number of tries with the 1213, having applied nothing', async () => {
    refusals = refuseCommits(db.pool, { errno: 1213, when: /always-refused/, times: Infinity });
    const error = await insert('always-refused').catch((e: unknown) => e);
    expect(isCertificationConflict(error)).toBe(true);
    expect(refusals.refused).toBe(4);
    expect(log.lines.map((line) => line.attempt)).toEqual([1, 2, 3]);
    expect(await labels()).not.toContain('always-refused');
  });

  it('retries a non-primary node (1047) within its bound, then surfaces the 1047', async () => {
    refusals = refuseCommits(db.pool, { errno: 1047, when: /not-primary/, times: Infinity });
    const error = await insert('not-primary').catch((e: unknown) => e);
    expect(isClusterUnavailable(error)).toBe(true);
    expect(refusals.refused).toBe(3);
    expect(log.lines.every((line) => line.errno === 1047)).toBe(true);
    expect(await labels()).not.toContain('not-primary');
  });

  it('stops at the deadline even with tries left', async () => {
    const pool = createPool({ url: db.url, connectionLimit: 2 });
    configureRetries(pool, { logger: log.logger, deadlineMs: 0, unavailableAttempts: 100 });
    const seam = refuseCommits(pool, { errno: 1047, times: Infinity });
    try {
      const error = await withTransaction(pool, (conn) => conn.query('SELECT 1')).catch(
        (e: unknown) => e,
      );
      expect(isClusterUnavailable(error)).toBe(true);
      expect(seam.refused).toBe(1);
    } finally {
      seam.restore();
      await pool.end();
    }
  });

  it('does not retry other failures', async () => {
    let runs = 0;
    const error = await withTransaction(db.pool, async (conn) => {
      runs += 1;
      await conn.query('INSERT INTO retry_probe (label) VALUES (?)', ['not-retried']);
      throw new Error('domain refusal');
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('domain refusal');
    expect(runs).toBe(1);
    expect(await labels()).not.toContain('not-retried');
  });
});

describe('an autocommit write refused', () => {
  it('is retried as its own transaction and applied once', async () => {
    refusals = refuseCommits(db.pool, { errno: 1213, when: /autocommit-once/ });
    await retryStatement(db.pool, (pool) =>
      pool.query('INSERT INTO retry_probe (label) VALUES (?)', ['autocommit-once']),
    );
    expect(refusals.refused).toBe(1);
    expect((await labels()).filter((l) => l === 'autocommit-once')).toHaveLength(1);
  });
});

describe('causal reads', () => {
  it('send nothing per connection on a server without wsrep once the pool knows it', async () => {
    const pool = createPool({ url: db.url, connectionLimit: 3 });
    try {
      const first = await pool.getConnection();
      // Answered after the pool's question about wsrep, which was queued before it.
      const [sync] = await first.query('SELECT @@SESSION.wsrep_sync_wait AS v');
      const second = await pool.getConnection();
      // Questions counts every statement a session has sent, this one included.
      const [rows] = await second.query("SHOW SESSION STATUS LIKE 'Questions'");
      first.release();
      second.release();
      const [wsrep] = await pool.query('SELECT @@wsrep_on AS v');
      if (Number((wsrep as { v: number }[])[0]!.v) === 1) {
        expect(Number((sync as { v: number }[])[0]!.v)).toBe(1);
      } else {
        expect(Number((sync as { v: number }[])[0]!.v)).toBe(0);
        expect(Number((rows as { Value: string }[])[0]!.Value)).toBe(1);
      }
    } finally {
      await pool.end();
    }
  });
});
