import { describe, expect, it } from 'vitest';
import { absolute, relative, relativeAgo } from '../lib/time-window.ts';
import { fieldTexts, fromInputValue, readRange, toInputValue } from './custom-range-form.tsx';

const M = 60_000;
const H = 60 * M;
const NOW = Date.UTC(2026, 11, 6, 13, 5);

describe('custom range fields', () => {
  it('write and read UTC on a 24-hour clock, with no AM/PM', () => {
    const ts = Date.UTC(2025, 4, 6, 13, 5);
    expect(toInputValue(ts)).toBe('2025-05-06 13:05');
    expect(fromInputValue('2025-05-06 13:05')).toBe(ts);
    expect(fromInputValue(' 2025-05-06T13:05 ')).toBe(ts);
    expect(fromInputValue('2025-05-06 00:00')).toBe(Date.UTC(2025, 4, 6));
  });

  it('refuse text that is not a real date and time instead of rolling it over', () => {
    for (const text of [
      '',
      '2025-05-06 1:05 PM',
      '2025-04-31 10:00',
      '2025-05-06 24:00',
      '06/05/2025 13:05',
    ])
      expect(fromInputValue(text)).toBeNull();
  });

  it('show a fixed window as dates and a live one as now-…', () => {
    expect(fieldTexts(absolute(NOW - H, NOW))).toEqual({
      from: '2026-12-06 12:05',
      to: '2026-12-06 13:05',
    });
    expect(fieldTexts(relative('6h'))).toEqual({ from: 'now-6h', to: 'now' });
    expect(fieldTexts(relativeAgo(H, 30 * M))).toEqual({ from: 'now-1h', to: 'now-30m' });
  });
});

describe('readRange', () => {
  it('keeps two relative bounds live', () => {
    expect(readRange('now-3h', 'now', NOW).window).toEqual(relativeAgo(3 * H));
    expect(readRange('now-90m', 'now', NOW).window).toEqual(relativeAgo(90 * M));
    expect(readRange('now-2d', 'now', NOW).window).toEqual(relativeAgo(48 * H));
    expect(readRange('now-1h', 'now-30m', NOW).window).toEqual(relativeAgo(H, 30 * M));
  });

  it('reads two dates as a fixed window, and a date to now as fixed at the moment it is applied', () => {
    expect(readRange('2026-12-06 10:00', '2026-12-06 11:30', NOW).window).toEqual(
      absolute(Date.UTC(2026, 11, 6, 10), Date.UTC(2026, 11, 6, 11, 30)),
    );
    expect(readRange('2026-12-06 10:00', 'now', NOW).window).toEqual(
      absolute(Date.UTC(2026, 11, 6, 10), NOW),
    );
  });

  it('says which field is wrong and how to write it', () => {
    expect(readRange('', 'now', NOW)).toEqual({ problem: 'Enter a start.', field: 'from' });
    expect(readRange('yesterday', 'now', NOW)).toMatchObject({
      problem: expect.stringMatching(
        /start is not a time.*YYYY-MM-DD HH:mm \(24-hour, UTC\).*now-3h/,
      ),
      field: 'from',
    });
    expect(readRange('now-1h', '1:05 PM', NOW)).toMatchObject({ field: 'to' });
    expect(readRange('now-3M', 'now', NOW)).toEqual({
      problem: 'The start is not a time: months and years vary in length: write days, such as 30d.',
      field: 'from',
    });
  });

  it('refuses a reversed or too long range in words', () => {
    expect(readRange('now', 'now-1h', NOW)).toEqual({
      problem: 'The end must be after the start.',
      field: 'to',
    });
    expect(readRange('2026-12-06 11:00', '2026-12-06 11:00', NOW).problem).toMatch(
      /after the start/,
    );
    expect(readRange('now-401d', 'now', NOW).problem).toBe('A window can span at most 400 days.');
    expect(readRange('now-400d', 'now', NOW).window).toEqual(relativeAgo(400 * 24 * H));
  });
});
