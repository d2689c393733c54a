import { describe, expect, it } from 'vitest';
import { checkRange, fromInputValue, toInputValue } from './custom-range-form.tsx';

describe('custom range', () => {
  it('reads and writes the inputs in UTC', () => {
    const ts = Date.UTC(2025, 4, 6, 7, 8);
    expect(toInputValue(ts)).toBe('2025-05-06T07:08');
    expect(fromInputValue('2025-05-06T07:08')).toBe(ts);
    expect(fromInputValue('')).toBeNull();
  });

  it('refuses an empty, reversed or too long range in words', () => {
    expect(checkRange(null, 1)).toMatch(/both/);
    expect(checkRange(2, 1)).toMatch(/after the start/);
    expect(checkRange(0, 401 * 86_400_000)).toMatch(/400 days/);
    expect(checkRange(1, 2)).toBeNull();
  });
});
