import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatAlternatives,
  formatLag,
  formatMs,
  formatPercent,
  formatRate,
  formatRequestRate,
} from './format.ts';

describe('format', () => {
  it('shows a missing figure as a dash, never as zero', () => {
    expect(formatPercent(null)).toBe(MISSING);
    expect(formatMs(null)).toBe(MISSING);
    expect(formatRate(undefined)).toBe(MISSING);
  });

  it('never rounds an availability just below 100 % up to 100 %', () => {
    expect(formatPercent(0.9999996, 3)).toBe('99.999 %');
    expect(formatPercent(0.99996, 3)).toBe('99.996 %');
    expect(formatPercent(0.999996, 2)).toBe('99.99 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(0.1997)).toBe('19.97 %');
  });

  it('picks a readable unit for latencies and lags', () => {
    expect(formatMs(0.25)).toBe('0.25 ms');
    expect(formatMs(412.6)).toBe('413 ms');
    expect(formatMs(1_234)).toBe('1.23 s');
    expect(formatMs(45_000)).toBe('45 s');
    expect(formatLag(0)).toBe('0 s');
    expect(formatLag(185)).toBe('3 min 5 s');
    expect(formatLag(7_800)).toBe('2 h 10 min');
  });

  it('formats rates by magnitude', () => {
    expect(formatRate(0.5)).toBe('0.5/s');
    expect(formatRate(42.4)).toBe('42/s');
    expect(formatRate(12_345)).toBe('12.3 k/s');
  });

  it('shows no request rate for a window without requests, rather than 0/s', () => {
    expect(formatRequestRate({ requests: 0, ratePerSecond: 0 })).toBe(MISSING);
    expect(formatRequestRate({ requests: 120, ratePerSecond: 2 })).toBe('2/s');
  });

  it('names alternatives with commas and a final "or"', () => {
    expect(formatAlternatives(['admin'])).toBe('admin');
    expect(formatAlternatives(['approver', 'admin'])).toBe('approver or admin');
    expect(formatAlternatives(['operator', 'approver', 'admin'])).toBe(
      'operator, approver or admin',
    );
  });
});
