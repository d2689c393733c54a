import { describe, expect, it } from 'vitest';
import { compareFigures, sameLengthEndingNow } from './evidence-figures.ts';

describe('compareFigures', () => {
  it('says in words whether each figure went up, down or stayed', () => {
    const rows = compareFigures(
      { errors: 100, p95Ms: 250, state: 'active', requests: 1000 },
      { errors: 5, p95Ms: 251, state: 'drained', requests: 2000 },
    );
    expect(rows.map((r) => [r.name, r.change])).toEqual([
      ['errors', 'down'],
      ['p95Ms', 'same'],
      ['state', 'changed'],
      ['requests', 'up'],
    ]);
  });

  it('marks every figure unknown while the current figures are not loaded', () => {
    expect(compareFigures({ errors: 1 }, undefined)).toEqual([
      { name: 'errors', then: 1, now: undefined, change: 'unknown' },
    ]);
  });
});

describe('sameLengthEndingNow', () => {
  it('keeps the length of the proposal window and ends at the current minute', () => {
    expect(sameLengthEndingNow({ from: 0, to: 3_600_000 }, 10 * 3_600_000 + 30_000)).toEqual({
      from: 9 * 3_600_000,
      to: 10 * 3_600_000,
    });
  });
});
