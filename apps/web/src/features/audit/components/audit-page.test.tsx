import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '@watchfloor/shared/actions/audit';
import { renderPage, settle } from '../../../testing/render.tsx';
import { AuditPage } from './audit-page.tsx';

const envelope = (data: unknown) => ({
  data,
  quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
  meta: { resolution: null, generatedAt: 0, requestId: 'r' },
});
const record = (seq: number, payload: unknown = {}): AuditRecord => ({
  seq,
  at: 1_700_000_000_000 + seq,
  actor: 'approver',
  event: 'action.approved',
  subject: 'action:3',
  actionId: 3,
  payload,
  prevHash: 'p',
  hash: `h${seq}`,
});
const verification = {
  ok: true,
  checkedRecords: 3,
  lastSeq: 3,
  firstMismatch: null,
  checkpoint: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

function stubApi(first: AuditRecord = record(3)) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url);
    const body = url.startsWith('/api/v1/audit/verify')
      ? envelope(verification)
      : url.includes('cursor=2')
        ? envelope({ records: [record(1)] })
        : envelope({ records: [first, record(2)], nextCursor: '2' });
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return calls;
}

describe('AuditPage', () => {
  it('asks the API for the filtered trail and says it is filtered', async () => {
    const calls = stubApi();
    const page = await renderPage(
      <AuditPage filters={{ actor: 'approver', actionId: 3 }} onFiltersChange={() => {}} />,
    );
    expect(calls).toContain('/api/v1/audit?actor=approver&actionId=3&limit=50');
    expect(page.querySelector('[data-testid="audit-scope"]')?.textContent).toBe(
      '2 records so far, newest first; only by approver, action #3.',
    );
  });

  it('pages to older records by keyset and says when the trail ends', async () => {
    const calls = stubApi();
    const page = await renderPage(<AuditPage filters={{}} onFiltersChange={() => {}} />);
    const older = [...page.querySelectorAll('button')].find(
      (b) => b.textContent === 'Load older records',
    );
    await act(async () => older?.click());
    await settle();
    expect(calls).toContain('/api/v1/audit?cursor=2&limit=50');
    expect(
      [...page.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-seq')),
    ).toEqual(['3', '2', '1']);
    expect(page.textContent).toContain('End of the trail.');
  });

  it('shows the comment each decision was made with beside its record', async () => {
    stubApi(record(3, { comment: 'Evidence holds: errors still high.' }));
    const page = await renderPage(<AuditPage filters={{}} onFiltersChange={() => {}} />);
    const header = [...page.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(header).toContain('Comment');
    const comments = [...page.querySelectorAll('[data-testid="audit-comment"]')].map(
      (cell) => cell.textContent,
    );
    expect(comments).toEqual(['Evidence holds: errors still high.', '']);
  });

  it('applies the filter form through the URL, not by itself', async () => {
    stubApi();
    const onFiltersChange = vi.fn();
    const page = await renderPage(<AuditPage filters={{}} onFiltersChange={onFiltersChange} />);
    const actor = page.querySelector<HTMLInputElement>('input[placeholder="e.g. approver"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
        actor,
        'operator',
      );
      actor.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () =>
      page.querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit(),
    );
    expect(onFiltersChange).toHaveBeenCalledWith({ actor: 'operator' });
  });
});
