import { useQuery } from '@tanstack/react-query';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, render, settle } from '../testing/render.tsx';
import { getJson } from '../lib/api-client.ts';
import { z } from 'zod';
import { ErrorMessage } from './error-message.tsx';
import { PanelErrorBoundary } from './panel-error-boundary.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const GreetingSchema = z.object({ data: z.string() });

/** A panel as the app writes them: its query, its error with Retry, its answer under a heading. */
function Greeting({ explicitRetry }: { explicitRetry: boolean }) {
  const query = useQuery({
    queryKey: ['greeting'],
    queryFn: () => getJson('/api/v1/greeting', GreetingSchema),
  });
  return (
    <section>
      {query.error && (
        <ErrorMessage
          error={query.error}
          what="The greeting"
          onRetry={explicitRetry ? () => query.refetch() : undefined}
        />
      )}
      {query.data && <h2>{query.data.data}</h2>}
    </section>
  );
}

/** The first request fails with a 503; every later one answers. */
function flakyServer() {
  let calls = 0;
  const fetch = vi.fn(async () => {
    calls += 1;
    return calls === 1
      ? new Response(
          JSON.stringify({
            error: { code: 'unavailable', message: 'Database busy', requestId: 'rq-7' },
          }),
          { status: 503 },
        )
      : new Response(JSON.stringify({ data: 'Hello, operator' }));
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const retryButton = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === 'Retry');

describe('ErrorMessage', () => {
  it.each([
    ['its own refetch', true],
    ['the failing queries (no onRetry given)', false],
  ])('says what failed, and Retry refetches %s and shows the answer', async (_, explicit) => {
    const fetch = flakyServer();
    const { container } = await render(<Greeting explicitRetry={explicit} />);
    await settle();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The greeting could not be loaded. Database busy');
    expect(alert?.textContent).toContain('(request rq-7)');

    retryButton(container)?.focus();
    await click(container, 'Retry');
    await settle();

    expect(fetch).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector('h2')?.textContent).toBe('Hello, operator');
    // Focus does not fall to the top of the page: it lands on what replaced the error.
    expect(document.activeElement).toBe(container.querySelector('h2'));
  });

  it.each([true, false])('says so when a retry fails again (own refetch: %s)', async (explicit) => {
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({ error: { code: 'unavailable', message: 'Down', requestId: 'r' } }),
          { status: 503 },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    const { container } = await render(<Greeting explicitRetry={explicit} />);
    await settle();
    await click(container, 'Retry');
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'Still failing after 1 retry.',
    );
  });
});

describe('PanelErrorBoundary', () => {
  it('shows a failed panel with Retry, which renders the panel again', async () => {
    let throws = true;
    function Fragile() {
      if (throws) throw new Error('Chart options were malformed');
      return <p>Chart drawn</p>;
    }
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { container } = await render(
      <PanelErrorBoundary title="Latency">
        <Fragile />
      </PanelErrorBoundary>,
    );
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'Latency could not be shown. Chart options were malformed',
    );
    throws = false;
    await act(async () => retryButton(container)?.click());
    await settle();
    expect(container.textContent).toContain('Chart drawn');
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });
});
