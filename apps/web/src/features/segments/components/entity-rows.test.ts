import { describe, expect, it } from 'vitest';
import type { EntityContribution } from '@watchfloor/shared/drilldown';
import { toEntityRows } from './entity-rows.ts';

const entity = (id: string, over: Partial<EntityContribution> = {}): EntityContribution => ({
  id,
  kind: 'service',
  state: 'active',
  requests: 300,
  errors: 1,
  errorRatio: 1 / 300,
  p95Ms: 120,
  previous: { requests: 300, errors: 1, p95Ms: 110 },
  errorsAdded: 0,
  latencyAddedMs: 0,
  contribution: 0.01,
  silent: false,
  lastSeenAt: 0,
  sparkline: [],
  quality: { state: 'ok', reason: 'Data complete and current' },
  ...over,
});

describe('toEntityRows', () => {
  it('keeps the server ranking and numbers the rows', () => {
    const rows = toEntityRows([
      entity('b', { contribution: 0.9 }),
      entity('a', { contribution: 1.2 }),
    ]);
    expect(rows.map((r) => [r.rank, r.id])).toEqual([
      [1, 'b'],
      [2, 'a'],
    ]);
  });

  it('flags a silent entity before its errors, and an error ratio at the critical limit', () => {
    expect(toEntityRows([entity('s', { silent: true, errorRatio: 0.5 })])[0]?.flag).toBe('silent');
    expect(toEntityRows([entity('e', { errorRatio: 0.05 })])[0]?.flag).toBe('errors');
    expect(toEntityRows([entity('ok')])[0]?.flag).toBeNull();
  });

  it('says what the window added and shows no traffic as missing, not 0 %', () => {
    const [row] = toEntityRows([
      entity('x', { errors: 311, errorsAdded: 160, contribution: 0.948 }),
    ]);
    expect(row).toMatchObject({
      errors: '311',
      errorsAdded: '+160 vs previous',
      contribution: '0.95',
      contributionShare: 0.474,
    });
    expect(
      toEntityRows([entity('idle', { requests: 0, errors: 0, errorRatio: null, p95Ms: null })])[0],
    ).toMatchObject({ errorRatio: '—', p95: '—' });
  });

  it("carries each entity's own data quality and its reason through", () => {
    const quality = {
      state: 'degraded' as const,
      reason: 'No events since 12:04 UTC; it usually reports every minute',
    };
    expect(toEntityRows([entity('quiet', { silent: true, quality })])[0]?.quality).toEqual(quality);
  });
});
