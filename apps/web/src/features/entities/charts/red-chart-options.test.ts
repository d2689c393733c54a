import { describe, expect, it } from 'vitest';
import type { SeriesFlagsOptions, SeriesLineOptions } from 'highcharts';
import type { SeriesPoint } from '@watchfloor/shared/drilldown';
import { buildRedChartOptions } from './red-chart-options.ts';
import { buildGaugeChartOptions } from './gauge-chart-options.ts';

const M = 60_000;
const point = (minute: number, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  ts: minute * M,
  partial: false,
  requests: 6,
  ratePerSecond: 0.1,
  errors: 5,
  errorRatio: 5 / 6,
  p50Ms: 20,
  p95Ms: 80,
  p99Ms: 120,
  gaugeAvg: null,
  gaugeMin: null,
  gaugeMax: null,
  ...over,
});
const input = (points: SeriesPoint[]) => ({
  entityId: 'checkout-eu-api-03',
  points,
  resolution: '1m' as const,
  window: { from: 0, to: 10 * M },
  navigator: { points, resolution: '1m' as const, window: { from: 0, to: 10 * M } },
  annotations: [{ ts: 2 * M, kind: 'deploy' as const, title: 'deploy v2', eventId: null }],
});

describe('RED chart options', () => {
  it('puts rate, errors and p50/p95/p99 on one shared time axis in three panes', () => {
    const options = buildRedChartOptions(input([point(0), point(1)]));
    expect(options.series?.map((s) => s.id)).toEqual([
      'rate',
      'errors',
      'p50',
      'p95',
      'p99',
      'annotations',
    ]);
    expect(Array.isArray(options.xAxis)).toBe(false);
    expect((options.yAxis as unknown[]).length).toBe(3);
  });

  it('flags annotations on the rate line', () => {
    const flags = buildRedChartOptions(input([point(0), point(3)])).series?.find(
      (s) => s.id === 'annotations',
    ) as SeriesFlagsOptions;
    expect(flags.onSeries).toBe('rate');
  });

  it('stands flags on the time axis when the rate line ends before them, so they stay visible', () => {
    const flags = buildRedChartOptions(input([point(0)])).series?.find(
      (s) => s.id === 'annotations',
    ) as SeriesFlagsOptions;
    expect(flags.onSeries).toBeUndefined();
  });

  it('leaves missing latency as a gap and dots partial buckets', () => {
    const options = buildRedChartOptions(
      input([point(0), point(1, { p95Ms: null, partial: true })]),
    );
    const p95 = options.series?.find((s) => s.id === 'p95') as SeriesLineOptions;
    expect(p95.data).toEqual([
      [0, 80],
      [M, null],
    ]);
    expect(p95.zones).toEqual([{ value: 0 }, { dashStyle: 'ShortDot' }]);
  });
});

describe('gauge chart options', () => {
  it('draws the bucket average and the dotted maximum, with gaps where there was no reading', () => {
    const options = buildGaugeChartOptions({
      entityId: 'e',
      points: [point(0, { gaugeAvg: 10, gaugeMax: 12 }), point(1)],
      resolution: '1m',
      window: { from: 0, to: 2 * M },
    });
    const [avg, max] = options.series as SeriesLineOptions[];
    expect(avg?.data).toEqual([
      [0, 10],
      [M, null],
    ]);
    expect(max).toMatchObject({
      dashStyle: 'Dot',
      data: [
        [0, 12],
        [M, null],
      ],
    });
    expect(options.subtitle?.text).toBe('1-minute buckets');
  });
});
