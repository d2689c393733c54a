import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RawEvent } from '@watchfloor/shared/events';
import { OK_QUALITY } from '../../../lib/testing/drilldown-fixtures.ts';
import { relative } from '../../../lib/time-window.ts';
import { click, renderPage } from '../../../testing/render.tsx';
import { EventsPage } from './events-page.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

// Relative to the real clock: a live window asks for the last 15 minutes of it.
const T = Date.now();
const event = (id: string, ts: number): RawEvent => ({
  id,
  ts,
  segment: 'checkout-eu',
  entity: 'checkout-eu-api-03',
  kind: 'request',
  status: 'ok',
  errorClass: null,
  latencyMs: 12,
  value: null,
  message: null,
  traceId: null,
  traceUrl: null,
  attrs: null,
});
const answer = (events: RawEvent[]) =>
  new Response(
    JSON.stringify({
      data: { events },
      quality: OK_QUALITY,
      meta: { resolution: null, generatedAt: T, requestId: 'r' },
    }),
  );

/**
 * The server as the page sees it: the list's pages (limit=100) and the held list's count of newer
 * events (limit=500, from the newest shown timestamp). `database` is what it holds now.
 */
function stubServer(database: { events: RawEvent[] }) {
  const requests: URL[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const request = new URL(url, 'http://x');
    requests.push(request);
    const from = Number(request.searchParams.get('from'));
    return answer(database.events.filter((e) => e.ts >= from));
  });
  return requests;
}

const shownIds = (container: HTMLElement) =>
  [...container.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-event'));

describe('the live raw-events list, paused', () => {
  it('keeps its rows, counts on the server only what it does not show, and shows them on request', async () => {
    const database = { events: [event('e2', T - 1_000), event('e1', T - 2_000)] };
    const requests = stubServer(database);
    const container = await renderPage(
      <EventsPage
        entityId="checkout-eu-api-03"
        view={{ window: relative('15m'), filters: {} }}
        selectedEventId={null}
        onSelectEvent={() => {}}
        onFiltersChange={() => {}}
      />,
    );
    expect(shownIds(container)).toEqual(['e2', 'e1']);

    // Two events arrive; one of them in the same millisecond as the newest event shown.
    database.events = [
      event('e4', T + 500),
      event('e3', T - 1_000),
      event('e2', T - 1_000),
      ...database.events.slice(1),
    ];
    await click(container, 'Pause live updates');

    const counts = requests.filter((r) => r.searchParams.get('limit') === '500');
    expect(counts.at(-1)?.searchParams.get('from')).toBe(String(T - 1_000));
    expect(shownIds(container)).toEqual(['e2', 'e1']);
    const marker = () => container.querySelector('[data-testid="live-hold"]')?.textContent ?? '';
    expect(marker()).toMatch(/Paused: showing events as of \d\d:\d\d:\d\d UTC\./);
    expect(marker()).toContain('2 new events — show');

    await click(container, '2 new events — show');
    expect(shownIds(container)).toEqual(['e4', 'e3', 'e2', 'e1']);
    expect(marker()).toContain('No new events yet.');
  });

  it('offers no pause on a fixed window, which never refreshes by itself', async () => {
    stubServer({ events: [event('e1', T - 2_000)] });
    const container = await renderPage(
      <EventsPage
        entityId="checkout-eu-api-03"
        view={{ window: { kind: 'absolute', from: T - 3_600_000, to: T }, filters: {} }}
        selectedEventId={null}
        onSelectEvent={() => {}}
        onFiltersChange={() => {}}
      />,
    );
    expect(shownIds(container)).toEqual(['e1']);
    expect(container.textContent).not.toContain('Pause live updates');
  });
});
