import { describe, expect, it } from 'vitest';
import { compareFigures } from './evidence-figures.ts';
import { figureChange, figureLabel, figureValue } from './figure-labels.ts';

describe('figure labels', () => {
  it('names each figure in words and shows its value with its unit', () => {
    expect(figureLabel('p95Ms')).toBe('Latency p95');
    expect(figureValue('p95Ms', 840)).toBe('840 ms');
    expect(figureLabel('errorRatio')).toBe('Error ratio');
    expect(figureValue('errorRatio', 0.12)).toBe('12 %');
    expect(figureLabel('requests')).toBe('Requests in the window');
    expect(figureValue('requests', 12_345)).toBe('12,345 requests');
    expect(figureValue('activeEntities', 4)).toBe('4 entities');
    expect(figureValue('state', 'drained')).toBe('drained');
  });

  it('shows a missing figure as a dash, and an unknown one by its stored name', () => {
    expect(figureValue('errors', null)).toBe('—');
    expect(figureLabel('queueDepth')).toBe('queueDepth');
    expect(figureValue('queueDepth', 0.123456)).toBe('0.1235');
  });

  it('says how much a figure moved, with its unit, and ratios in percentage points', () => {
    const rows = compareFigures(
      { p95Ms: 840, errorRatio: 0.12, errors: 100, state: 'active' },
      { p95Ms: 960, errorRatio: 0.035, errors: 100, state: 'drained' },
    );
    expect(rows.map(figureChange)).toEqual([
      '▲ up +120 ms',
      '▼ down −8.5 pp',
      '= same',
      '≠ changed',
    ]);
  });
});
