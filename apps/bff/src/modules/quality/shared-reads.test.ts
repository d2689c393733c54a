import { describe, expect, it } from 'vitest';
import { SharedReads } from './shared-reads.ts';

function counter() {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
}

describe('SharedReads', () => {
  it('gives concurrent callers with the same key and version one read', async () => {
    const shared = new SharedReads(1_000);
    const { load, calls } = counter();
    const answers = await Promise.all([
      shared.get('fleet', 'v1', load),
      shared.get('fleet', 'v1', load),
      shared.get('fleet', 'v1', load),
    ]);
    expect(answers).toEqual([1, 1, 1]);
    expect(calls()).toBe(1);
  });

  it('reads again as soon as the data version changes', async () => {
    const shared = new SharedReads(1_000);
    const { load } = counter();
    expect(await shared.get('fleet', 'v1', load)).toBe(1);
    expect(await shared.get('fleet', 'v2', load)).toBe(2);
    expect(await shared.get('other', 'v2', load)).toBe(3);
  });

  it('never answers from a read older than the age bound, even with an unchanged version', async () => {
    let now = 0;
    const shared = new SharedReads(1_000, 64, () => now);
    const { load } = counter();
    expect(await shared.get('fleet', 'v1', load)).toBe(1);
    now = 1_000;
    expect(await shared.get('fleet', 'v1', load)).toBe(1);
    now = 1_001;
    expect(await shared.get('fleet', 'v1', load)).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const shared = new SharedReads(1_000);
    await expect(
      shared.get('fleet', 'v1', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    await Promise.resolve();
    expect(await shared.get('fleet', 'v1', async () => 'up')).toBe('up');
  });
});
