import { describe, expect, it } from 'vitest';
import { formatExpiresIn } from './expires-in.ts';

describe('formatExpiresIn', () => {
  it('says the whole minutes left, rounded down, then seconds in the last minute', () => {
    expect(formatExpiresIn(27 * 60_000 + 59_000)).toBe('expires in 27 min');
    expect(formatExpiresIn(60_000)).toBe('expires in 1 min');
    expect(formatExpiresIn(59_999)).toBe('expires in 59 s');
    expect(formatExpiresIn(400)).toBe('expires in 1 s');
  });

  it('says expired at or past the deadline, and nothing once the action is decided', () => {
    expect(formatExpiresIn(0)).toBe('expired');
    expect(formatExpiresIn(null)).toBeNull();
  });
});
