import { afterEach, describe, expect, it } from 'vitest';
import { unhandledRejections } from '../../testing/unhandled-rejections.ts';
import { minuteBuckets } from './scope-minutes.ts';

const rejections = unhandledRejections();

describe('minuteBuckets', () => {
  afterEach(() => rejections.stop());

  it('leaves no unhandled rejection behind when the read fails at a coarser resolution', async () => {
    rejections.start();
    const failedRead = Promise.reject(new Error('The database did not answer within 3000 ms'));
    expect(minuteBuckets('1h', failedRead)).toBeUndefined();
    await rejections.settle();
    expect(rejections.seen).toEqual([]);
  });

  it('gives no minutes when the read fails at minute resolution', async () => {
    const failedRead = Promise.reject(new Error('gone'));
    await expect(minuteBuckets('1m', failedRead)).resolves.toEqual([]);
  });
});
