import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RawEvent } from '@watchfloor/shared/events';
import { EventsTable } from './events-table.tsx';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const event = (over: Partial<RawEvent>): RawEvent => ({
  id: 'ev-1',
  ts: Date.UTC(2025, 0, 1, 12),
  segment: 's',
  entity: 'e',
  kind: 'request',
  status: 'ok',
  errorClass: null,
  latencyMs: 12,
  value: null,
  message: null,
  attrs: null,
  traceId: TRACE,
  traceUrl: null,
  ...over,
});

function traceCell(ev: RawEvent): Element | null {
  const container = document.createElement('div');
  container.innerHTML = renderToStaticMarkup(
    <EventsTable events={[ev]} selectedId={null} onSelect={() => undefined} />,
  );
  return container.querySelector('.events-table__trace');
}

describe('EventsTable trace column', () => {
  it('shows the short trace id with the full id on hover, and no link without a trace url', () => {
    const cell = traceCell(event({}));
    expect(cell?.querySelector('.trace-id')?.textContent).toBe('4bf92f35…');
    expect(cell?.querySelector('.trace-id')?.getAttribute('title')).toBe(TRACE);
    expect(cell?.querySelector('a')).toBeNull();
  });

  it('links the trace viewer in a new tab when the server gave a url', () => {
    const url = `https://tempo.example/explore/trace/${TRACE}`;
    const link = traceCell(event({ traceUrl: url }))?.querySelector('a');
    expect(link?.textContent).toContain('Trace');
    expect(link?.getAttribute('href')).toBe(url);
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('shows a dash for an event without a trace', () => {
    expect(traceCell(event({ traceId: null }))?.textContent).toBe('—');
  });
});
