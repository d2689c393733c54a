import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPool } from '../../db/pool.ts';
import type { PipelineState } from './pipeline-reasons.ts';
import { assessQuality } from './quality.service.ts';

/** A real pool to a port nothing listens on: every read fails at once, as with a database gone. */
const pool = createPool({ url: 'mysql://root@127.0.0.1:9/none', connectionLimit: 1 });
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

afterAll(async () => pool.end());
afterEach(() => {
  process.off('unhandledRejection', record);
  unhandled.length = 0;
});

describe('assessQuality with the database gone', () => {
  it("fails without leaving the view's own reads as unhandled rejections", async () => {
    process.on('unhandledRejection', record);
    let failPipeline!: (error: Error) => void;
    const pipeline = new Promise<PipelineState>((_, reject) => (failPipeline = reject));
    const window = { from: Date.UTC(2026, 0, 1, 10), to: Date.UTC(2026, 0, 1, 16) };
    await expect(
      assessQuality(
        { pool, now: () => window.to },
        // The fleet's members are read first, and that read fails before the pipeline is awaited.
        { window, scope: { kind: 'fleet' }, pipeline },
      ),
    ).rejects.toThrow();
    // The view's pipeline read fails after the check gave up, as it does under a frozen database.
    failPipeline(new Error('The database did not answer within 3000 ms'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
