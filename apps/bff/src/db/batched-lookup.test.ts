import { describe, expect, it } from 'vitest';
import { BatchedLookup } from './batched-lookup.ts';

function recordingLookup(fail = false) {
  const statements: string[][] = [];
  let table = new Map([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  const lookup = new BatchedLookup<string, number>(async (keys) => {
    statements.push(keys);
    const snapshot = table;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail) throw new Error('database down');
    return new Map(keys.filter((k) => snapshot.has(k)).map((k) => [k, snapshot.get(k)!]));
  });
  return { lookup, statements, write: (next: Map<string, number>) => (table = next) };
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
    const t = recordingLookup();
    const first = t.lookup.get('a');
    await new Promise((resolve) => setTimeout(resolve, 1));
    t.write(new Map([['a', 10]]));
    const second = t.lookup.get('a');
    await new Promise((resolve) => setTimeout(resolve, 1));
    // Both statements are out before the first (5 ms long) has answered.
    expect(t.statements).toEqual([['a'], ['a']]);
    expect(await first).toBe(1);
    expect(await second).toBe(10);
  });

  it('fails the lookups of a failed statement, and recovers for the next ones', async () => {
    const broken = recordingLookup(true);
    await expect(Promise.all([broken.lookup.get('a'), broken.lookup.get('b')])).rejects.toThrow(
      'database down',
    );
    const ok = recordingLookup();
    expect(await ok.lookup.get('c')).toBe(3);
  });
});
