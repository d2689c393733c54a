import { describe, expect, it } from 'vitest';
import { auditSearch, readAuditFilters } from './audit-filters.ts';
import { parseAuditDraft } from './audit-filter-form.tsx';
import { describeAuditFilters } from './describe-audit-filters.ts';

const T = Date.UTC(2025, 0, 2, 9, 30);

describe('audit filters in the URL', () => {
  it('reads who, what, which action and an open-ended time range', () => {
    expect(
      readAuditFilters(
        new URLSearchParams(
          'actor=approver&event=action.executed&actionId=12&since=2025-01-02T09:30:00Z',
        ),
      ),
    ).toEqual({
      actor: 'approver',
      event: 'action.executed',
      actionId: 12,
      from: T,
    });
  });

  it('drops what the API would refuse instead of sending it', () => {
    expect(
      readAuditFilters(
        new URLSearchParams(`actor=${'x'.repeat(65)}&actionId=0&since=yesterday&until=`),
      ),
    ).toEqual({});
  });

  it("writes filters back so a copied link reopens the same trail, never touching the charts' window", () => {
    const filters = { actor: 'operator', actionId: 3, from: T, to: T + 3_600_000 };
    const search = auditSearch(filters);
    expect(search.toString()).toBe(
      'actor=operator&actionId=3&since=2025-01-02T09%3A30%3A00Z&until=2025-01-02T10%3A30%3A00Z',
    );
    expect(search.has('from')).toBe(false);
    expect(readAuditFilters(search)).toEqual(filters);
  });
});

describe('audit filter form', () => {
  const blank = { actor: '', event: '', actionId: '', since: '', until: '' };

  it('turns the filled fields into filters, in UTC, and ignores the empty ones', () => {
    expect(parseAuditDraft({ ...blank, actor: ' approver ', since: '2025-01-02T09:30' })).toEqual({
      filters: { actor: 'approver', from: T },
    });
  });

  it('says what is wrong instead of filtering by it', () => {
    expect(parseAuditDraft({ ...blank, actionId: '12a' })).toEqual({
      problem: 'An action number is a whole number such as 12.',
    });
    expect(
      parseAuditDraft({ ...blank, since: '2025-01-02T10:00', until: '2025-01-02T09:00' }),
    ).toEqual({ problem: 'The end must be after the start.' });
  });

  it('describes the filters in words, so a narrowed trail never reads as the whole one', () => {
    expect(describeAuditFilters({})).toBe('all records, any time');
    expect(describeAuditFilters({ actor: 'approver', from: T })).toBe(
      'only by approver, since 2025-01-02 09:30 UTC',
    );
  });
});
