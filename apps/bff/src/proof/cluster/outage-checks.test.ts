import { describe, expect, it } from 'vitest';
import type { ClosedWindowReader } from './closed-window.ts';
import { outageChecks } from './outage-checks.ts';

const phase = { name: 'p', faultAt: 100, restoredAt: 150, settledAt: 200, note: '' };
const closed = { answers: [{ at: 120, bff: 0, status: 200, ms: 1 }], wrong: 0, firstWrong: null };
const outageOk = (statuses: number[]) =>
  outageChecks(
    [phase],
    [{ name: 'api', answers: statuses.map((status) => ({ at: 120, bff: 0, status, ms: 1 })) }],
    closed as unknown as ClosedWindowReader,
  )[0]!.ok;

describe('outage answers', () => {
  it('accepts 503 and any deliberate answer during a fault: created, refused, lost race', () => {
    expect(outageOk([200, 201, 409, 429, 503])).toBe(true);
  });

  it('fails on a 500 or a request left unanswered', () => {
    expect(outageOk([503, 500])).toBe(false);
    expect(outageOk([503, 0])).toBe(false);
  });
});
