import { describe, expect, it } from 'vitest';
import { decodeNav, readWindowParams } from './read-window.ts';
import { absolute, relative, relativeAgo } from './time-window.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const read = (search: string) => {
  const params = new URLSearchParams(search);
  return readWindowParams({
    from: params.get('from'),
    to: params.get('to'),
    range: params.get('range'),
  });
};

describe('reading the address window', () => {
  it('reads relative expressions as a live window, sliding with now', () => {
    expect(read('from=now-3h&to=now')).toEqual({ window: relativeAgo(3 * H) });
    expect(read('from=now-2d&to=now')).toEqual({ window: relativeAgo(2 * D) });
    expect(read('from=now-90m')).toEqual({ window: relativeAgo(90 * M) });
    expect(read('from=now-1h&to=now-30m')).toEqual({ window: relativeAgo(H, 30 * M) });
    // The same hours as a preset are that preset.
    expect(read('from=now-6h&to=now')).toEqual({ window: relative('6h') });
  });

  it('reads a preset, any length as a range, and dates or epoch ms as a fixed window', () => {
    expect(read('')).toEqual({ window: relative('6h') });
    expect(read('range=1h')).toEqual({ window: relative('1h') });
    expect(read('range=3h')).toEqual({ window: relativeAgo(3 * H) });
    expect(read('from=2025-01-01T00:00:00Z&to=2025-01-01T01:00:00Z')).toEqual({
      window: absolute(Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 1, 1)),
    });
    expect(read('range=1h&from=1000&to=2000')).toEqual({ window: absolute(1000, 2000) });
  });

  it('says an unreadable bound is not a time, and which window it shows instead', () => {
    const { window, problem } = read('from=garbage&to=now');
    expect(window).toEqual(relative('6h'));
    expect(problem).toBe(
      'The address’s time window cannot be shown: its start “garbage” is not a time. Showing the last 6 h instead.',
    );
    expect(read('from=now-1h&to=soon').problem).toMatch(/end “soon” is not a time/);
    expect(read('range=forever').problem).toMatch(/range “forever” is not a length/);
    expect(read('from=now-6M&to=now').problem).toMatch(
      /start “now-6M” is not a time \(months and years vary in length: write days, such as 30d\)/,
    );
    expect(read('range=1y').problem).toMatch(/range “1y” is not a length.*\(months and years/);
    expect(read('to=now').problem).toMatch(/no start/);
    expect(read('from=2025-01-01T00:00:00Z').problem).toMatch(/no end/);
  });

  it('says a reversed window is reversed, falling back to the address’s own range if it has one', () => {
    const reversed = read('from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z&range=1h');
    expect(reversed.window).toEqual(relative('1h'));
    expect(reversed.problem).toMatch(
      /end “2025-01-01T00:00:00Z” is not after its start “2025-01-02T00:00:00Z”\. Showing the last 1 h instead\.$/,
    );
    expect(read('from=now&to=now-1h').problem).toMatch(/end “now-1h” is not after its start “now”/);
  });

  it('names the asked length and the limit of a window that is too long', () => {
    expect(read('from=now-500d&to=now').problem).toBe(
      'The address’s time window cannot be shown: it asks for 500 days; a window can span at most 400 days. Showing the last 6 h instead.',
    );
    expect(read(`from=0&to=${401 * D}`).problem).toMatch(/asks for 401 days; .* at most 400 days/);
    expect(read('range=401d').problem).toMatch(/at most 400 days/);
    expect(read('from=now-400d&to=now').problem).toBeUndefined();
  });

  it('refuses to mix a relative bound with a date, which has no single meaning', () => {
    expect(read('from=now-3h&to=2025-01-01T00:00:00Z').problem).toMatch(/mixes a relative bound/);
  });
});

describe('decodeNav', () => {
  it('reads a preset, fixed bounds or relative bounds, and nothing else', () => {
    expect(decodeNav('24h')).toEqual(relative('24h'));
    expect(decodeNav('0~5000')).toEqual(absolute(0, 5000));
    expect(decodeNav('now-3h~now')).toEqual(relativeAgo(3 * H));
    expect(decodeNav('5000~0')).toBeUndefined();
    expect(decodeNav('junk')).toBeUndefined();
    expect(decodeNav(null)).toBeUndefined();
  });
});
