import { describe, expect, it } from 'vitest';
import { approvalsSearch, readApprovalsFilters } from './approvals-filters.ts';

const read = (search: string) => readApprovalsFilters(new URLSearchParams(search));

describe('approvals filters in the URL', () => {
  it('opens on the actions awaiting a decision', () => {
    expect(read('')).toEqual({ state: 'proposed' });
  });

  it('reads state, type and target, and "any" state as no state filter', () => {
    expect(read('state=any&type=drain_entity&target=checkout-eu-3')).toEqual({
      type: 'drain_entity',
      target: 'checkout-eu-3',
    });
    expect(read('state=executed')).toEqual({ state: 'executed' });
  });

  it('drops what the API would refuse instead of sending it', () => {
    expect(read('state=bogus&type=reboot&target=Not%20A%20Slug')).toEqual({ state: 'proposed' });
  });

  it('writes filters back so the same filters reopen the same view', () => {
    const filters = {
      state: 'proposed' as const,
      type: 'restart_entity' as const,
      target: 'search-us-1',
    };
    expect(approvalsSearch(filters).toString()).toBe(
      'state=proposed&type=restart_entity&target=search-us-1',
    );
    expect(read(approvalsSearch(filters).toString())).toEqual(filters);
    expect(approvalsSearch({}).toString()).toBe('state=any');
  });
});
