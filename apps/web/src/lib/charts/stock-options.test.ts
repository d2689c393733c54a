import { describe, expect, it } from 'vitest';
import type { YAxisOptions } from 'highcharts';
import {
  BOOST_THRESHOLD,
  needsBoost,
  panes,
  singleAxisFrame,
  stockFrame,
  zoomButtons,
} from './stock-options.ts';

const H = 3_600_000;
const frame = stockFrame({
  resolution: '1m',
  window: { from: 2 * H, to: 3 * H },
  navWindow: { from: 0, to: 6 * H },
  navigatorData: [
    [0, 1],
    [H, null],
  ],
  height: 300,
  description: 'Test chart.',
  exportName: 'test',
  exportTitle: 'Scope — rate',
});

describe('stock frame', () => {
  it('turns client-side data grouping off and labels the server-picked resolution on the chart', () => {
    expect(frame.plotOptions?.series?.dataGrouping?.enabled).toBe(false);
    expect(frame.subtitle?.text).toBe('1-minute buckets');
    expect(frame.accessibility?.description).toContain('1-minute buckets');
  });

  it('shows the page window, and feeds the navigator its own whole-range series', () => {
    const xAxis = Array.isArray(frame.xAxis) ? frame.xAxis[0] : frame.xAxis;
    expect(xAxis).toMatchObject({ min: 2 * H, max: 3 * H, ordinal: false });
    expect(frame.navigator).toMatchObject({
      enabled: true,
      adaptToUpdatedData: false,
      xAxis: { min: 0, max: 6 * H },
      series: {
        data: [
          [0, 1],
          [H, null],
        ],
      },
    });
  });

  it('exports PNG and CSV in the browser, never through the export server', () => {
    expect(frame.exporting).toMatchObject({
      enabled: true,
      fallbackToExportServer: false,
      filename: 'test_1970-01-01T0200Z_1970-01-01T0300Z',
    });
  });

  it('titles an exported image with its scope and subtitles it with the window in UTC', () => {
    expect(frame.exporting?.chartOptions?.title?.text).toBe('Scope — rate');
    expect(frame.exporting?.chartOptions?.subtitle?.text).toBe('1970-01-01 02:00 – 03:00 UTC');
    // On screen the page around the chart says both, so the chart itself stays untitled.
    expect(frame.title?.text).toBeUndefined();
  });

  it('hands large series to the boost module', () => {
    expect(frame.plotOptions?.series?.boostThreshold).toBeGreaterThan(1_500);
  });

  it('offers only zoom buttons shorter than the whole range, then All', () => {
    expect(zoomButtons(6 * H).map((b) => b.text)).toEqual(['15m', '1h', 'All']);
    expect(zoomButtons(30 * 24 * H).map((b) => b.text)).toEqual([
      '15m',
      '1h',
      '6h',
      '1d',
      '7d',
      'All',
    ]);
  });

  it('stacks panes top to bottom with gaps between them', () => {
    expect(panes([50, 25, 25])).toEqual([
      { top: '0%', height: '47%' },
      { top: '50%', height: '22%' },
      { top: '75%', height: '25%' },
    ]);
  });

  it('asks for the boost module only when a series is longer than the threshold', () => {
    const long = Array.from({ length: BOOST_THRESHOLD + 1 }, (_, i): [number, number] => [i, i]);
    expect(needsBoost({ series: [{ type: 'line', data: [[0, 1]] }] })).toBe(false);
    expect(
      needsBoost({
        series: [
          { type: 'line', data: [[0, 1]] },
          { type: 'line', data: long },
        ],
      }),
    ).toBe(true);
    expect(needsBoost({})).toBe(false);
  });

  it('draws a single-axis chart on the page window with no navigator or zoom buttons', () => {
    const single = singleAxisFrame(
      {
        resolution: '1m',
        window: { from: 2 * H, to: 3 * H },
        height: 200,
        description: 'Test chart.',
        exportName: 'test',
        exportTitle: 'Scope — rate',
      },
      'gauge',
    );
    expect(single.navigator).toEqual({ enabled: false });
    expect(single.rangeSelector).toEqual({ enabled: false });
    const xAxis = Array.isArray(single.xAxis) ? single.xAxis[0] : single.xAxis;
    expect(xAxis).toMatchObject({ min: 2 * H, max: 3 * H });
    expect((single.yAxis as YAxisOptions[]).map((axis) => axis.title?.text)).toEqual(['gauge']);
  });
});
