import { describe, expect, it } from 'vitest';
import { formatAgo, formatSpan, parseAgo, parseSpan, spanHint } from './time-expression.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe('relative time expressions', () => {
  it('reads now and now minus a length in minutes, hours, days or weeks', () => {
    expect(parseAgo('now')).toBe(0);
    expect(parseAgo('now-3h')).toBe(3 * H);
    expect(parseAgo('now-90m')).toBe(90 * M);
    expect(parseAgo('now-2d')).toBe(2 * D);
    expect(parseAgo(' NOW - 1w ')).toBe(7 * D);
  });

  it('is not fooled by dates, signs the other way or lengths of nothing', () => {
    for (const text of [
      '2025-05-06',
      'now+1h',
      'now-',
      'now-0h',
      'now-3',
      'now-3y',
      'nowish',
      '-3h',
    ])
      expect(parseAgo(text)).toBeNull();
    expect(parseSpan('0m')).toBeNull();
    expect(parseSpan('6h')).toBe(6 * H);
  });

  it('never reads a month (M) as minutes, and says why months, years and seconds are refused', () => {
    expect(parseAgo('now-6M')).toBeNull();
    expect(parseSpan('6M')).toBeNull();
    expect(parseSpan('6m')).toBe(6 * M);
    expect(parseSpan('6H')).toBe(6 * H);
    expect(spanHint('now-6M')).toMatch(/months and years vary in length: write days/);
    expect(spanHint('1y')).toMatch(/months and years/);
    expect(spanHint('now-30s')).toMatch(/finest window is a minute/);
    expect(spanHint('garbage')).toBeNull();
  });

  it('writes the shortest exact form, for links and for people', () => {
    expect(formatAgo(0)).toBe('now');
    expect(formatAgo(3 * H)).toBe('now-3h');
    expect(formatAgo(90 * M)).toBe('now-90m');
    expect(formatAgo(2 * D)).toBe('now-2d');
    expect(formatSpan(30 * M)).toBe('30 m');
    expect(formatSpan(3 * H)).toBe('3 h');
  });
});
