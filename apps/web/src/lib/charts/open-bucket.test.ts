import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Point, SeriesLineOptions, Tooltip } from 'highcharts';
import {
  firstUnsettledTs,
  openBucketNote,
  openBucketTooltip,
  openBucketTs,
  unsettledLineZones,
} from './open-bucket.ts';
import { buildRedPaneOptions, rateP95ErrorPanes } from './red-panes.ts';

const M = 60_000;
const bucket = (minute: number, requests: number, partial = false) => ({
  ts: minute * M,
  partial,
  ratePerSecond: requests / 60,
  errors: 0,
  p95Ms: 10,
});

afterEach(() => vi.useRealTimers());

describe('the still-open bucket', () => {
  it("is the last bucket when it ends after the answer's window end, whatever the browser clock says", () => {
    const points = [bucket(0, 600), bucket(1, 600), bucket(2, 90)];
    const window = { from: 0, to: 2 * M + 20_000 };
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    expect(openBucketTs(points, '1m', window)).toBe(2 * M);
    vi.setSystemTime(0);
    expect(openBucketTs(points, '1m', window)).toBe(2 * M);
  });

  it('is none when the window ends on the last bucket boundary', () => {
    const points = [bucket(0, 600), bucket(1, 600)];
    expect(openBucketTs(points, '1m', { from: 0, to: 2 * M })).toBeNull();
  });

  it('is judged at the moment the answer was made when the window reaches into the future', () => {
    const points = [bucket(0, 600), bucket(1, 100)];
    expect(openBucketTs(points, '1m', { from: 0, to: 10 * M }, M + 10_000)).toBe(M);
    expect(openBucketTs(points, '1m', { from: 0, to: 10 * M })).toBeNull();
  });

  it('is unsettled even when the server did not mark it partial, and so is an earlier partial one', () => {
    expect(firstUnsettledTs([bucket(0, 1), bucket(1, 1)], M)).toBe(M);
    expect(firstUnsettledTs([bucket(0, 1), bucket(1, 1, true), bucket(2, 1)], 2 * M)).toBe(M);
    expect(firstUnsettledTs([bucket(0, 1)], null)).toBeNull();
  });

  it('dots the line from the last settled bucket, so the drop into the open one is dotted', () => {
    const points = [bucket(0, 600), bucket(1, 600), bucket(2, 90)];
    expect(unsettledLineZones(points, 2 * M)).toEqual([{ value: M }, { dashStyle: 'ShortDot' }]);
    expect(unsettledLineZones(points, null)).toBeUndefined();
  });
});

describe('RED panes with a still-open minute', () => {
  const points = [bucket(0, 600), bucket(1, 600), bucket(2, 90)];
  const options = buildRedPaneOptions(
    {
      points,
      resolution: '1m',
      window: { from: 0, to: 2 * M + 9_000 },
      navigator: { points, resolution: '1m', window: { from: 0, to: 2 * M + 9_000 } },
      annotations: [],
    },
    {
      panes: rateP95ErrorPanes([40, 30, 30]),
      height: 300,
      description: 'Test.',
      exportName: 'test',
      exportTitle: 'Fleet — rate',
    },
  );

  it('draws the real, unscaled count dotted from the last closed minute', () => {
    const rate = options.series?.find((s) => s.id === 'rate') as SeriesLineOptions;
    expect(rate.data?.at(-1)).toEqual([2 * M, 1.5]);
    expect(rate.zones).toEqual([{ value: M }, { dashStyle: 'ShortDot' }]);
  });

  it('says "partial minute (still open)" in the tooltip over that minute only', () => {
    const formatter = options.tooltip?.formatter;
    expect(formatter).toBeTypeOf('function');
    const tooltip = {
      defaultFormatter: () => ['<span>12:02</span><br/>', 'Requests per second: 1.50 /s', ''],
    } as unknown as Tooltip;
    const over = (x: number) => [formatter!.call({ x } as Point, tooltip)].flat().join('');
    expect(over(2 * M)).toContain('partial minute (still open)');
    expect(over(M)).not.toContain('still open');
  });

  it('names the bucket by the resolution', () => {
    expect(openBucketNote('1h')).toBe('partial hour (still open)');
    expect(openBucketTooltip(null, '1m')).toBeUndefined();
  });
});
