import { describe, expect, it } from 'vitest';
import type { RawEvent } from '@watchfloor/shared/events';
import { errorClassesOf, eventFields, formatEventTime, traceOf } from './event-rows.ts';

const event = (over: Partial<RawEvent> = {}): RawEvent => ({
  id: 'ev-1',
  ts: Date.UTC(2025, 0, 1, 12, 0, 5, 42),
  segment: 'checkout-eu',
  entity: 'checkout-eu-api-03',
  kind: 'request',
  status: 'error',
  errorClass: 'DbPoolExhausted',
  latencyMs: 77.7,
  value: null,
  message: 'no connection',
  attrs: { version: 'v2', retry: 2, cold: false, region: null },
  traceId: null,
  traceUrl: null,
  ...over,
});

describe('event rows', () => {
  it('shows event time to the millisecond in UTC', () => {
    expect(formatEventTime(Date.UTC(2025, 0, 1, 12, 0, 5, 42))).toBe('2025-01-01 12:00:05.042');
  });

  it('lists every field and every attribute, missing ones as a dash', () => {
    const fields = eventFields(event({ value: null }));
    expect(fields.find((f) => f.name === 'Error class')?.value).toBe('DbPoolExhausted');
    expect(fields.find((f) => f.name === 'Value')?.value).toBe('—');
    expect(fields.slice(-4)).toEqual([
      { name: 'attrs.cold', value: 'false' },
      { name: 'attrs.region', value: 'null' },
      { name: 'attrs.retry', value: '2' },
      { name: 'attrs.version', value: 'v2' },
    ]);
  });

  it('suggests each error class once, sorted', () => {
    expect(
      errorClassesOf([event(), event({ errorClass: 'A' }), event({ errorClass: null }), event()]),
    ).toEqual(['A', 'DbPoolExhausted']);
  });
});

describe('event trace', () => {
  it('shortens the trace id, keeps the full one and links the viewer only when the server gave a url', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(
      traceOf(event({ traceId, traceUrl: `https://jaeger.example/trace/${traceId}` })),
    ).toEqual({
      short: '4bf92f35…',
      full: traceId,
      url: `https://jaeger.example/trace/${traceId}`,
    });
    expect(traceOf(event({ traceId, traceUrl: null }))?.url).toBeNull();
    expect(traceOf(event({ traceId: null, traceUrl: null }))).toBeNull();
    expect(eventFields(event({ traceId })).find((f) => f.name === 'Trace id')?.value).toBe(traceId);
  });
});
