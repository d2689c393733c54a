import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, Role } from '@watchfloor/shared/auth';
import { ME_QUERY_KEY } from '../features/auth/api/get-me.ts';
import { AppLayout } from './app-layout.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const unmounts: (() => void)[] = [];
afterEach(() => {
  unmounts.splice(0).forEach((unmount) => unmount());
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

/** The header's section links for a user already known to hold `roles`. */
async function sectionLinks(roles: Role[]): Promise<string[]> {
  // Nothing here should reach the network: the signed-in user is already in the cache.
  vi.stubGlobal('fetch', () => new Promise(() => undefined));
  const nav = await renderHeader(roles);
  return [...(nav?.querySelectorAll('a') ?? [])].map((a) => a.textContent ?? '');
}

async function renderHeader(roles: Role[]): Promise<Element | null> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = { username: 'u', displayName: 'U', roles, teams: ['*'] };
  client.setQueryData(ME_QUERY_KEY, me);
  const router = createMemoryRouter([{ path: '/', element: <AppLayout />, children: [] }]);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () =>
    root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    ),
  );
  unmounts.push(() => act(() => root.unmount()));
  return container.querySelector('nav[aria-label="Sections"]');
}

describe('app layout sections', () => {
  it('shows operators the approvals but not the audit trail or trends', async () => {
    expect(await sectionLinks(['operator'])).toEqual(['Approvals']);
  });

  it('shows managers and approvers approvals, audit, trends and policy', async () => {
    expect(await sectionLinks(['manager'])).toEqual(['Approvals', 'Audit', 'Trends', 'Policy']);
    // Approvers also get their inbox (its count still loading: nothing answers here).
    expect(await sectionLinks(['approver'])).toEqual([
      'Approvals',
      'Audit',
      'Trends',
      'Policy',
      'Inbox …',
    ]);
  });

  it('shows a link when any one of the roles opens it', async () => {
    expect(await sectionLinks(['operator', 'manager'])).toEqual([
      'Approvals',
      'Audit',
      'Trends',
      'Policy',
    ]);
  });
});

describe('approver inbox in the header', () => {
  it('shows how many actions await the approver and when the first expires', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.startsWith('/api/v1/actions/inbox')
        ? Response.json({
            data: { count: 3, actionIds: [9, 4, 7], nextExpiresAt: 5, nextExpiresInMs: 754_000 },
            quality: {
              state: 'ok',
              freshnessLagSeconds: 0,
              completeness: 1,
              watermark: null,
              reasons: [],
            },
            meta: { resolution: null, generatedAt: 1, requestId: 'r' },
          })
        : new Promise<Response>(() => undefined),
    );
    vi.stubGlobal('fetch', fetch);
    const nav = await renderHeader(['approver']);
    // Let the inbox answer arrive, parse and render (a few turns of the event loop, no timer).
    for (let turn = 0; turn < 3; turn++)
      await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(fetch).toHaveBeenCalledWith('/api/v1/actions/inbox', expect.anything());
    const inbox = nav?.querySelector('[data-testid="inbox-link"]');
    expect(inbox?.querySelector('[data-testid="inbox-count"]')?.textContent).toBe('3');
    expect(inbox?.getAttribute('aria-label')).toBe(
      'Inbox: 3 actions await your decision; the first expires in 12 min',
    );
    expect(inbox?.getAttribute('href')).toBe('/approvals');
  });
});
