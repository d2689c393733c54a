import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Acknowledgement } from '@watchfloor/shared/acknowledgements';
import type { Me, Role } from '@watchfloor/shared/auth';
import type { Overview } from '@watchfloor/shared/overview';
import { ME_QUERY_KEY } from '../../features/auth/api/get-me.ts';
import {
  FIXTURE_WINDOW,
  OK_QUALITY,
  segmentHealthFixture,
  segmentResponseFixture,
} from '../../lib/testing/drilldown-fixtures.ts';
import { OverviewRoute } from './overview-route.tsx';
import { SegmentRoute } from './segment-route.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The acknowledgements as the routes compose them into other features' pages: the overview's
 * segment row and the segment page show who is on the incident, and only roles holding
 * `incidents.acknowledge` get the button. The acknowledgement is 3 min old when it is answered,
 * so the page's "3 min ago" holds however long the run takes to get there.
 */
const ack = (): Acknowledgement => ({
  id: 1,
  scope: { kind: 'segment', slug: 'checkout-eu', segment: 'checkout-eu' },
  comment: "I'm on it",
  by: { username: 'ada', displayName: 'Ada Lovelace' },
  acknowledgedAt: Date.now() - 3 * 60_000 - 5_000,
  status: 'critical',
  clearedAt: null,
  clearedReason: null,
});
const meta = { resolution: '1m' as const, generatedAt: FIXTURE_WINDOW.to, requestId: 'req' };
const overview: Overview = {
  window: FIXTURE_WINDOW,
  segments: [segmentHealthFixture(), segmentHealthFixture({ slug: 'orders-eu', name: 'Orders' })],
  fleet: {
    requests: 2_400,
    ratePerSecond: 0.66,
    errors: 24,
    errorRatio: 0.01,
    p95Ms: 180,
    statusCounts: { ok: 0, warning: 0, critical: 2, silent: 0 },
    nowCounts: { ok: 0, warning: 0, critical: 2, silent: 0 },
    silentEntities: 0,
    series: [],
  },
  annotations: [],
};

/** Answers the reads these pages make; anything else (charts' zoom, "Why?") never answers. */
function stubBff() {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url, 'http://x').pathname;
    const body =
      path === '/api/v1/acknowledgements'
        ? { data: { acknowledgements: [ack()] }, quality: OK_QUALITY, meta }
        : path === '/api/v1/overview'
          ? { data: overview, quality: OK_QUALITY, meta }
          : path === '/api/v1/segments/checkout-eu'
            ? segmentResponseFixture()
            : null;
    return body === null
      ? new Promise<Response>(() => undefined)
      : new Response(JSON.stringify(body), { status: 200 });
  });
}

const unmounts: (() => void)[] = [];
afterEach(() => {
  unmounts.splice(0).forEach((unmount) => unmount());
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

async function renderAt(path: string, roles: Role[]): Promise<HTMLElement> {
  stubBff();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = { username: 'u', displayName: 'U', roles, teams: ['*'] };
  client.setQueryData(ME_QUERY_KEY, me);
  const router = createMemoryRouter(
    [
      { path: '/', element: <OverviewRoute /> },
      { path: '/segments/:segmentId', element: <SegmentRoute /> },
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

const TEXT = "Acknowledged by Ada Lovelace: I'm on it · 3 min ago";
const hasButton = (container: HTMLElement, text: string) =>
  [...container.querySelectorAll('button')].some((b) => b.textContent === text);

describe('acknowledgements in the drill-down', () => {
  it("shows the acknowledgement in its segment's overview row only", async () => {
    const container = await renderAt('/', ['manager']);
    const row = (slug: string) => container.querySelector(`tr[data-segment="${slug}"]`);
    expect(row('checkout-eu')?.textContent).toContain(TEXT);
    expect(row('orders-eu')?.textContent).not.toContain('Acknowledged by');
  });

  it('shows it on the segment page, with "Acknowledge" for an operator', async () => {
    const container = await renderAt('/segments/checkout-eu', ['operator']);
    expect(container.textContent).toContain(TEXT);
    expect(hasButton(container, 'Acknowledge')).toBe(true);
  });

  it('shows it on the segment page without the button for a manager', async () => {
    const container = await renderAt('/segments/checkout-eu', ['manager']);
    expect(container.textContent).toContain(TEXT);
    expect(hasButton(container, 'Acknowledge')).toBe(false);
  });
});
