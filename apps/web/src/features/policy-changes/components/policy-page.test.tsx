import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import type { ActivePolicy, PolicyChange } from '@watchfloor/shared/actions/policy-changes';
import { renderPage, settle } from '../../../testing/render.tsx';
import { PolicyPage } from './policy-page.tsx';

const envelope = (data: unknown) => ({
  data,
  quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
  meta: { resolution: null, generatedAt: 0, requestId: 'r' },
});
const BASE = 'a'.repeat(64);
const PROPOSED = 'b1c2d3e4f5a6'.padEnd(64, '0');
const active: ActivePolicy = {
  version: BASE,
  policy: DEFAULT_ACTION_POLICY,
  activatedAt: 1_700_000_000_000,
  activatedBy: 'system',
  changeId: null,
};
const pending: PolicyChange = {
  id: 7,
  proposedVersion: PROPOSED,
  baseVersion: BASE,
  proposer: 'admin',
  comment: 'Wider scale-downs',
  state: 'proposed',
  createdAt: 1_700_000_100_000,
  expiresAt: 1_700_086_500_000,
  decidedAt: null,
  decidedBy: null,
  decisionComment: null,
  approvals: [{ approver: 'admin2', comment: null, at: 1_700_000_200_000 }],
  approvalsRequired: 2,
  stale: false,
  policy: DEFAULT_ACTION_POLICY,
  diff: [{ path: 'caps.maxEntitiesPerAction', before: 10, after: 20 }],
  shadow: {
    evaluated: 3,
    skipped: 1,
    unchanged: 2,
    nowAllowed: 1,
    nowRefused: 0,
    refusedDifferently: 0,
    differences: [
      {
        actionId: null,
        type: 'scale_segment',
        target: 'wide',
        proposedAt: 1_700_000_050_000,
        before: { passed: false, failed: ['blast_radius_entities'] },
        after: { passed: true, failed: [] },
      },
    ],
  },
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

function stubApi(onPost: (url: string, body: unknown) => Response) {
  const posts: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      const body: unknown = JSON.parse(String(init.body));
      posts.push({ url, body });
      return onPost(url, body);
    }
    const data = url === '/api/v1/policy' ? active : { changes: [pending] };
    return new Response(JSON.stringify(envelope(data)), { status: 200 });
  });
  return posts;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('PolicyPage', () => {
  it('shows a pending change with its diff, shadow report and approvals so far', async () => {
    stubApi(() => new Response('{}', { status: 500 }));
    const page = await renderPage(<PolicyPage canChange username="admin3" />);
    expect(text(page.querySelector('[data-testid="policy-version"]'))).toBe(BASE.slice(0, 12));
    const diffRows = [...page.querySelectorAll('[data-testid="policy-diff"] tbody tr')];
    expect(diffRows.map((row) => [...row.querySelectorAll('td')].map(text))).toEqual([
      ['caps.maxEntitiesPerAction', '10', '20'],
    ]);
    expect(text(page.querySelector('[data-testid="shadow-summary"]'))).toBe(
      'Replayed 3 recent proposals: 2 unchanged, 1 now allowed, 0 now refused; 1 skipped (inputs no longer readable).',
    );
    const difference = page.querySelector('[data-testid="shadow-differences"] tbody tr');
    expect(text(difference)).toContain('refused proposal scale_segment');
    expect(text(difference)).toContain('refused (blast_radius_entities)');
    expect(text(difference)).toContain('allowed');
    expect(text(page.querySelector('[data-testid="approval-count"]'))).toBe(
      '1 of 2 admins approved (admin2).',
    );
  });

  it('approves exactly the version hash shown, and shows a refusal as the server said it', async () => {
    const posts = stubApi(
      () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'conflict',
              message: 'Policy change 7 is superseded',
              details: [{ field: 'version', message: 'stale' }],
              requestId: 'req-9',
            },
          }),
          { status: 409 },
        ),
    );
    const page = await renderPage(<PolicyPage canChange username="admin3" />);
    const approve = page.querySelector<HTMLButtonElement>('[data-testid="approve-policy"]');
    expect(approve?.disabled).toBe(false);
    await act(async () => approve?.click());
    await settle();
    expect(posts).toEqual([
      { url: '/api/v1/policy/changes/7/approve', body: { version: PROPOSED } },
    ]);
    const alert = page.querySelector('[role="alert"]');
    expect(text(alert)).toContain('Policy change 7 is superseded');
    expect(text(alert)).toContain('version: stale');
  });

  it('does not let the proposer approve, and hides decisions from readers', async () => {
    stubApi(() => new Response('{}', { status: 500 }));
    const own = await renderPage(<PolicyPage canChange username="admin" />);
    expect(own.querySelector<HTMLButtonElement>('[data-testid="approve-policy"]')?.disabled).toBe(
      true,
    );
    document.body.innerHTML = '';
    const reader = await renderPage(<PolicyPage canChange={false} username="manager" />);
    expect(reader.querySelector('[data-testid="approve-policy"]')).toBeNull();
    expect(reader.querySelector('form[aria-label="Propose a policy change"]')).toBeNull();
  });

  it('proposes the edited JSON and lists every field the server refused', async () => {
    const posts = stubApi(
      () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'validation_failed',
              message: 'Invalid policy change',
              details: [{ field: 'policy.caps.maxEntitiesPerAction', message: 'Too small' }],
              requestId: 'req-1',
            },
          }),
          { status: 422 },
        ),
    );
    const page = await renderPage(<PolicyPage canChange username="admin" />);
    const form = page.querySelector<HTMLFormElement>('form[aria-label="Propose a policy change"]');
    const textarea = form?.querySelector('textarea');
    expect(JSON.parse(textarea?.value ?? '')).toEqual(DEFAULT_ACTION_POLICY);
    await act(async () => form?.requestSubmit());
    await settle();
    expect(posts[0]?.url).toBe('/api/v1/policy/changes');
    expect(posts[0]?.body).toEqual({ policy: DEFAULT_ACTION_POLICY, comment: '' });
    expect(text(form?.querySelector('[data-testid="refusal-fields"]'))).toBe(
      'policy.caps.maxEntitiesPerAction: Too small',
    );
  });
});
