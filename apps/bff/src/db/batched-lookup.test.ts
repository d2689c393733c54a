import { describe, expect, it } from 'vitest';
import { BatchedLookup } from './batched-lookup.ts';

/**
 * A lookup over an in-memory table that records each statement. With `hold`, a statement reads
 * its snapshot when sent but answers only when the test calls answer(i), so the test controls
 * which statement is still out.
 */
function recordingLookup({ fail = false, hold = false } = {}) {
  const statements: string[][] = [];
  const answers: (() => void)[] = [];
  const watchers: { count: number; resolve: () => void }[] = [];
  let table = new Map([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  const lookup = new BatchedLookup<string, number>(async (keys) => {
    statements.push(keys);
    const snapshot = table;
    const answered = hold ? new Promise<void>((resolve) => answers.push(resolve)) : undefined;
    for (const watcher of watchers.filter((w) => statements.length >= w.count)) watcher.resolve();
    await answered;
    if (fail) throw new Error('database down');
    return new Map(keys.filter((k) => snapshot.has(k)).map((k) => [k, snapshot.get(k)!]));
  });
  return {
    lookup,
    statements,
    write: (next: Map<string, number>) => (table = next),
    /** Resolves once `count` statements have been sent. */
    sent: (count: number) =>
      new Promise<void>((resolve) =>
        statements.length >= count ? resolve() : watchers.push({ count, resolve }),
      ),
    answer: (index: number) => answers[index]?.(),
  };
}

describe('BatchedLookup', () => {
  it('answers lookups asked together with one statement, each with its own value', async () => {
    const t = recordingLookup();
    const answers = await Promise.all([
      t.lookup.get('a'),
      t.lookup.get('b'),
      t.lookup.get('a'),
      t.lookup.get('zz'),
    ]);
    expect(answers).toEqual([1, 2, 1, undefined]);
    expect(t.statements).toEqual([['a', 'b', 'zz']]);
  });

  it('sends lookups asked later in a statement of their own, which sees writes made before they asked, without waiting for the first', async () => {
    const t = recordingLookup({ hold: true });
    const first = t.lookup.get('a');
    await t.sent(1);
    t.write(new Map([['a', 10]]));
    const second = t.lookup.get('a');
    // The second statement goes out while the first is still unanswered, and answers on its own.
    await t.sent(2);
    expect(t.statements).toEqual([['a'], ['a']]);
    t.answer(1);
    expect(await second).toBe(10);
    t.answer(0);
    expect(await first).toBe(1);
  });

  it('fails the lookups of a failed statement, and recovers for the next ones', async () => {
    const broken = recordingLookup({ fail: true });
    await expect(Promise.all([broken.lookup.get('a'), broken.lookup.get('b')])).rejects.toThrow(
      'database down',
    );
    const ok = recordingLookup();
    expect(await ok.lookup.get('c')).toBe(3);
  });
});
