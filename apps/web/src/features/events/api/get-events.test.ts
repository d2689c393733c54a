import { describe, expect, it } from 'vitest';
import { getEventsQueryOptions, type EventsPageResult } from './get-events.ts';
import { absolute, relative } from '../../../lib/time-window.ts';

const page = (param: EventsPageResult['param'], nextCursor?: string): EventsPageResult => ({
  param,
  body: {
    data: { events: [], ...(nextCursor ? { nextCursor } : {}) },
    quality: { state: 'ok', freshnessLagSeconds: 0, completeness: 1, watermark: null, reasons: [] },
    meta: { resolution: null, generatedAt: 0, requestId: 'r' },
  },
});

describe('events query options', () => {
  it('asks for the next page with the same explicit window as the first, plus its cursor', () => {
    const options = getEventsQueryOptions('e', relative('1h'), { status: 'error' });
    const next = options.getNextPageParam(page({ from: 1, to: 2 }, 'c1'), [], null, []);
    expect(next).toEqual({ from: 1, to: 2, cursor: 'c1' });
    expect(options.getNextPageParam(page({ from: 1, to: 2 }), [], null, [])).toBeUndefined();
  });

  it('keys pages by entity, window and filters, so a filter change starts from the newest event', () => {
    const a = getEventsQueryOptions('e', absolute(1, 2), { status: 'error' }).queryKey;
    const b = getEventsQueryOptions('e', absolute(1, 2), {}).queryKey;
    expect(a).toEqual(['events', 'e', { from: 1, to: 2, status: 'error' }]);
    expect(a).not.toEqual(b);
  });
});
