import { describe, expect, it } from 'vitest';
import {
  keepWindowParams,
  readDrillView,
  replaceWindow,
  zoomView,
  withWindow,
  type DrillView,
} from './url-state.ts';
import { absolute, relative } from './time-window.ts';

const H = 3_600_000;
const NOW = Date.UTC(2025, 0, 2, 0, 0);
const params = (search: string) => new URLSearchParams(search);

describe('url state', () => {
  it('defaults to the last 6 hours and ignores unreadable bounds', () => {
    expect(readDrillView(params('')).window).toEqual(relative('6h'));
    expect(readDrillView(params('from=yesterday&to=2')).window).toEqual(relative('6h'));
    expect(readDrillView(params('from=2000&to=1000&range=1h')).window).toEqual(relative('1h'));
  });

  it('prefers absolute bounds over a range, in epoch ms or ISO', () => {
    expect(readDrillView(params('range=1h&from=1000&to=2000')).window).toEqual(
      absolute(1000, 2000),
    );
    expect(
      readDrillView(params('from=2025-01-01T00:00:00Z&to=2025-01-01T01:00:00Z')).window,
    ).toEqual(absolute(Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 1, 1)));
  });

  it('drops filters it does not know instead of sending them to the server', () => {
    expect(readDrillView(params('status=broken&kind=request&errorClass=%20Db%20')).filters).toEqual(
      { kind: 'request', errorClass: 'Db' },
    );
  });

  it('keeps a navigator context only around an absolute page window', () => {
    expect(readDrillView(params('range=1h&nav=24h')).nav).toBeUndefined();
    expect(readDrillView(params('from=1000&to=2000&nav=24h')).nav).toEqual(relative('24h'));
    expect(readDrillView(params('from=1000&to=2000&nav=0~5000')).nav).toEqual(absolute(0, 5000));
  });

  it('zooms into absolute whole-second bounds and remembers the outer window', () => {
    const live: DrillView = { window: relative('24h'), filters: { status: 'error' } };
    const zoomed = zoomView(live, { from: NOW - 2 * H + 123, to: NOW - H - 456 }, NOW);
    expect(zoomed).toEqual({
      window: absolute(NOW - 2 * H, NOW - H),
      nav: relative('24h'),
      filters: { status: 'error' },
    });
    // Zooming again keeps the first outer window, not the intermediate one.
    expect(zoomView(zoomed, { from: NOW - 2 * H, to: NOW - 1.5 * H }, NOW).nav).toEqual(
      relative('24h'),
    );
  });

  it('returns to the outer window, live again, when zoomed back out to all of it', () => {
    const zoomed: DrillView = {
      window: absolute(NOW - 2 * H, NOW - H),
      nav: relative('24h'),
      filters: {},
    };
    expect(zoomView(zoomed, { from: NOW - 24 * H + 30_000, to: NOW }, NOW)).toEqual({
      window: relative('24h'),
      nav: undefined,
      filters: {},
    });
    expect(zoomView(zoomed, null, NOW).window).toEqual(relative('24h'));
  });

  it('a picked window replaces any zoom', () => {
    const zoomed: DrillView = { window: absolute(1, 2), nav: relative('24h'), filters: {} };
    expect(withWindow(zoomed, relative('15m'))).toEqual({
      window: relative('15m'),
      nav: undefined,
      filters: {},
    });
  });

  it('swaps the window in a query string and keeps every other parameter', () => {
    expect(
      replaceWindow(params('from=1&to=2&nav=24h&status=error&compare=previous'), relative('15m')),
    ).toBe('?range=15m&status=error&compare=previous');
  });

  it('keeps the window, and only the window, when a page replaces its own filters', () => {
    const filters = new URLSearchParams('state=pending');
    expect(
      keepWindowParams(filters, params('from=1&to=2&state=any&nav=24h&type=x')).toString(),
    ).toBe('state=pending&from=1&to=2');
    expect(keepWindowParams(new URLSearchParams(), params('range=1h')).toString()).toBe('range=1h');
  });
});
