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
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = { username: 'u', displayName: 'U', roles };
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
  const nav = container.querySelector('nav[aria-label="Sections"]');
  return [...(nav?.querySelectorAll('a') ?? [])].map((a) => a.textContent ?? '');
}

describe('app layout sections', () => {
  it('shows operators the approvals but not the audit trail or trends', async () => {
    expect(await sectionLinks(['operator'])).toEqual(['Approvals']);
  });

  it('shows managers and approvers approvals, audit and trends', async () => {
    expect(await sectionLinks(['manager'])).toEqual(['Approvals', 'Audit', 'Trends']);
    expect(await sectionLinks(['approver'])).toEqual(['Approvals', 'Audit', 'Trends']);
  });

  it('shows a link when any one of the roles opens it', async () => {
    expect(await sectionLinks(['operator', 'manager'])).toEqual(['Approvals', 'Audit', 'Trends']);
  });
});
