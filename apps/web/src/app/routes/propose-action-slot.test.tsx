import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@watchfloor/shared/auth';
import { ME_QUERY_KEY } from '../../features/auth/api/get-me.ts';
import { segmentResponseFixture } from '../../lib/testing/drilldown-fixtures.ts';
import { EntityRoute } from './entity-route.tsx';
import { SegmentRoute } from './segment-route.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * "Propose action" is offered only on a page that shows its target: an operator (who may propose)
 * sees it on a segment that loaded, and not while it loads, on a segment that does not exist, or
 * when the segment could not be read.
 */
type Answer = 'found' | 'missing' | 'broken' | 'never';

const notFound = (what: string) =>
  new Response(
    JSON.stringify({ error: { code: 'not_found', message: `${what} not found`, requestId: 'r1' } }),
    { status: 404 },
  );

function stubBff(answer: Answer) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url, 'http://x').pathname;
    calls.push(path);
    if (path === '/api/v1/segments/checkout-eu') {
      if (answer === 'found') return new Response(JSON.stringify(segmentResponseFixture()));
      if (answer === 'missing') return notFound('Segment checkout-eu');
      if (answer === 'broken') return new Response('{}', { status: 503 });
    }
    if (path === '/api/v1/entities/ghost-1') return notFound('Entity ghost-1');
    // Anything else (charts' zoom, acknowledgements, "Why?") never answers.
    return new Promise<Response>(() => undefined);
  });
  return calls;
}

const unmounts: (() => void)[] = [];
afterEach(() => {
  unmounts.splice(0).forEach((unmount) => unmount());
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

async function renderAt(path: string): Promise<HTMLElement> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = { username: 'op', displayName: 'Op', roles: ['operator'], teams: ['*'] };
  client.setQueryData(ME_QUERY_KEY, me);
  const router = createMemoryRouter(
    [
      { path: '/segments/:segmentId', element: <SegmentRoute /> },
      { path: '/segments/:segmentId/entities/:entityId', element: <EntityRoute /> },
    ],
    { initialEntries: [path] },
  );
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
  for (let i = 0; i < 3; i++)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  unmounts.push(() => act(() => root.unmount()));
  return container;
}

const buttons = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].map((b) => b.textContent);

describe('"Propose action" only where a target is shown', () => {
  it('is offered on a segment that loaded', async () => {
    stubBff('found');
    const container = await renderAt('/segments/checkout-eu');
    expect(buttons(container)).toContain('Propose action');
  });

  it('is not offered while the segment loads', async () => {
    stubBff('never');
    const container = await renderAt('/segments/checkout-eu');
    expect(container.textContent).toContain('Loading the segment…');
    expect(buttons(container)).not.toContain('Propose action');
  });

  it('is not offered on a segment that does not exist; Retry is', async () => {
    stubBff('missing');
    const container = await renderAt('/segments/checkout-eu');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'Segment checkout-eu not found',
    );
    expect(buttons(container)).not.toContain('Propose action');
    expect(buttons(container)).toContain('Retry');
  });

  it('is not offered when the segment could not be read', async () => {
    stubBff('broken');
    const container = await renderAt('/segments/checkout-eu');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('could not be loaded');
    expect(buttons(container)).not.toContain('Propose action');
  });

  it('is not offered on an entity that does not exist', async () => {
    stubBff('never');
    const container = await renderAt('/segments/checkout-eu/entities/ghost-1');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'Entity ghost-1 not found',
    );
    expect(buttons(container)).not.toContain('Propose action');
  });
});
