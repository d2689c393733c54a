import { describe, expect, it } from 'vitest';
import type { SeriesColumnOptions, SeriesFlagsOptions, SeriesLineOptions } from 'highcharts';
import type { Annotation } from '@watchfloor/shared/drilldown';
import type { FleetPoint } from '@watchfloor/shared/overview';
import { buildFleetChartOptions } from './fleet-chart-options.ts';

const M = 60_000;
const point = (minute: number, over: Partial<FleetPoint> = {}): FleetPoint => ({
  ts: minute * M,
  ratePerSecond: 2,
  errors: 1,
  p95Ms: 50,
  partial: false,
  ...over,
});
const build = (points: FleetPoint[], navigator = points, annotations: Annotation[] = []) =>
  buildFleetChartOptions({
    points,
    resolution: '1m',
    window: { from: 0, to: points.length * M },
    annotations,
    navigator: { points: navigator, resolution: '1h', window: { from: 0, to: 6 * 60 * M } },
  });

describe('fleet chart options', () => {
  it('draws rate, p95 and errors with gaps for missing buckets and nulls for missing latency', () => {
    const options = build([point(0), point(1, { p95Ms: null }), point(4)]);
    const [rate, p95] = options.series as SeriesLineOptions[];
    expect(rate?.data).toEqual([
      [0, 2],
      [M, 2],
      [2 * M, null],
      [4 * M, 2],
    ]);
    expect(p95?.data).toEqual([
      [0, 50],
      [M, null],
      [2 * M, null],
      [4 * M, 50],
    ]);
  });

  it('dots lines from the last settled bucket, pales columns and shades the band from the first partial one', () => {
    const options = build([point(0), point(1), point(2, { partial: true })]);
    const rate = options.series?.[0] as SeriesLineOptions;
    const errors = options.series?.[2] as SeriesColumnOptions;
    expect(rate.zones).toEqual([{ value: M }, { dashStyle: 'ShortDot' }]);
    expect(errors.zones?.[1]).toMatchObject({ dashStyle: 'ShortDot' });
    const xAxis = Array.isArray(options.xAxis) ? options.xAxis[0] : options.xAxis;
    expect(xAxis?.plotBands).toMatchObject([{ from: 2 * M, to: 3 * M }]);
  });

  it('keeps the navigator on its own coarse series while the main series is at the finer resolution', () => {
    const options = build([point(0)], [{ ...point(0), ratePerSecond: 9 }]);
    expect(options.navigator).toMatchObject({
      adaptToUpdatedData: false,
      series: { data: [[0, 9]] },
      xAxis: { max: 6 * 60 * M },
    });
    expect(options.subtitle?.text).toBe('1-minute buckets');
  });

  it('has no partial band when every bucket is final', () => {
    expect((build([point(0), point(1)]).series?.[0] as SeriesLineOptions).zones).toBeUndefined();
  });

  it('flags every control action of the fleet on the rate line, named for what it did', () => {
    const drain = {
      ts: M + 5_000,
      kind: 'action' as const,
      title: 'Drain entity search-us-2 (#9)',
      eventId: null,
    };
    const options = build([point(0), point(1), point(2)], undefined, [
      drain,
      { ...drain, ts: 90 * M, title: 'after the window' },
    ]);
    const flags = options.series?.find((s) => s.id === 'annotations') as SeriesFlagsOptions;
    expect(flags).toMatchObject({
      type: 'flags',
      onSeries: 'rate',
      name: 'Changes, alerts and actions',
      showInNavigator: false,
    });
    expect(flags.data).toEqual([
      expect.objectContaining({
        x: drain.ts,
        title: 'Action',
        text: 'Action: Drain entity search-us-2 (#9)',
      }),
    ]);
  });

  it('adds no flag series when no action was taken in the window', () => {
    expect(build([point(0)]).series?.map((s) => s.id)).toEqual(['rate', 'p95', 'errors']);
  });
});
