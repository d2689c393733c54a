import { describe, expect, it } from 'vitest';
import { utcClock, utcDateTime } from './utc-text.ts';

describe('UTC times in words', () => {
  const now = Date.UTC(2026, 11, 6, 0, 10);
  it("gives a time of today's UTC date as hh:mm, and any other with its date", () => {
    expect(utcClock(Date.UTC(2026, 11, 6, 0, 5), now)).toBe('00:05 UTC');
    expect(utcClock(Date.UTC(2026, 11, 5, 23, 55), now)).toBe('2026-12-05 23:55 UTC');
    expect(utcClock(Date.UTC(2026, 10, 26, 18, 1), now)).toBe('2026-11-26 18:01 UTC');
    expect(utcDateTime(Date.UTC(2025, 0, 1, 12, 30))).toBe('2025-01-01 12:30 UTC');
  });
});
