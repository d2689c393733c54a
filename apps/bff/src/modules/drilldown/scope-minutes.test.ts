import { afterEach, describe, expect, it } from 'vitest';
import { minuteBuckets } from './scope-minutes.ts';

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

describe('minuteBuckets', () => {
  afterEach(() => {
    process.off('unhandledRejection', record);
    unhandled.length = 0;
  });

  it('leaves no unhandled rejection behind when the read fails at a coarser resolution', async () => {
    process.on('unhandledRejection', record);
    const failedRead = Promise.reject(new Error('The database did not answer within 3000 ms'));
    expect(minuteBuckets('1h', failedRead)).toBeUndefined();
    // Unhandled rejections are reported after the microtask queue drains.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);
  });

  it('gives no minutes when the read fails at minute resolution', async () => {
    const failedRead = Promise.reject(new Error('gone'));
    await expect(minuteBuckets('1m', failedRead)).resolves.toEqual([]);
  });
});
