import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPool } from '../../db/pool.ts';
import { judgeWindowAndNow } from './segment-judgement.ts';

/** A real pool to a port nothing listens on: every read fails, as with a database gone. */
const pool = createPool({ url: 'mysql://root@127.0.0.1:9/none', connectionLimit: 1 });
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

afterAll(async () => pool.end());
afterEach(() => {
  process.off('unhandledRejection', record);
  unhandled.length = 0;
});

describe('judgeWindowAndNow with the database gone', () => {
  it('fails once, leaving no unhandled rejection behind for the other instant', async () => {
    process.on('unhandledRejection', record);
    const now = Date.UTC(2026, 0, 1, 16);
    await expect(
      judgeWindowAndNow(pool, [{ id: 1, state: 'active' }], now - 3_600_000, now),
    ).rejects.toThrow();
    // One connection: a read queued now fails only after every read of both instants has failed.
    await pool.query('SELECT 1').catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
