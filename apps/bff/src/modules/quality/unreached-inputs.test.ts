import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deadDatabasePool, unhandledRejections } from '../../testing/unhandled-rejections.ts';
import type { PipelineState } from './pipeline-reasons.ts';
import { assessQuality } from './quality.service.ts';

const pool = deadDatabasePool();
const rejections = unhandledRejections();

afterAll(async () => pool.end());
afterEach(() => rejections.stop());

describe('assessQuality with the database gone', () => {
  it("fails without leaving the view's own reads as unhandled rejections", async () => {
    rejections.start();
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
    await rejections.settle();
    expect(rejections.seen).toEqual([]);
  });
});
