import { describe, expect, it } from 'vitest';
import { PAST_INCIDENTS_SHARED_MS, PastIncidentsCache } from './past-incidents-cache.ts';
import type { PastIncidentsRead } from './past-incidents-input.ts';

const read = (count: number): PastIncidentsRead => ({ incidents: [], count, rows: count });

describe('past incidents shared between Why? answers', () => {
  it('searches once for askers within a minute, and again after it', async () => {
    let now = 1_000_000;
    const cache = new PastIncidentsCache(() => now);
    let searches = 0;
    const search = () => Promise.resolve(read((searches += 1)));
    expect((await cache.get('seg-1@0', search)).count).toBe(1);
    now += PAST_INCIDENTS_SHARED_MS - 1;
    expect((await cache.get('seg-1@0', search)).count).toBe(1);
    expect((await cache.get('seg-2@0', search)).count).toBe(2);
    now += 1;
    expect((await cache.get('seg-1@0', search)).count).toBe(3);
  });

  it('keeps no failed search: the next asker searches again', async () => {
    const cache = new PastIncidentsCache(() => 0);
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect((await cache.get('k', () => Promise.resolve(read(7)))).count).toBe(7);
  });
});
