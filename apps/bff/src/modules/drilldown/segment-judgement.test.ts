import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deadDatabasePool, unhandledRejections } from '../../testing/unhandled-rejections.ts';
import { judgeWindowAndNow } from './segment-judgement.ts';

const pool = deadDatabasePool();
const rejections = unhandledRejections();

afterAll(async () => pool.end());
afterEach(() => rejections.stop());

describe('judgeWindowAndNow with the database gone', () => {
  it('fails once, leaving no unhandled rejection behind for the other instant', async () => {
    rejections.start();
    const now = Date.UTC(2026, 0, 1, 16);
    await expect(
      judgeWindowAndNow(pool, [{ id: 1, state: 'active' }], now - 3_600_000, now),
    ).rejects.toThrow();
    // One connection: a read queued now fails only after every read of both instants has failed.
    await pool.query('SELECT 1').catch(() => undefined);
    await rejections.settle();
    expect(rejections.seen).toEqual([]);
  });
});
