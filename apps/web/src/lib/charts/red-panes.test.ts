import { describe, expect, it } from 'vitest';
import type {
  SeriesColumnOptions,
  SeriesFlagsOptions,
  SeriesLineOptions,
  YAxisOptions,
} from 'highcharts';
import type { Annotation } from '@watchfloor/shared/drilldown';
import {
  buildRedPaneOptions,
  ERROR_COLUMNS,
  latencyLine,
  rateLine,
  rateP95ErrorPanes,
  type RedChartData,
} from './red-panes.ts';

const M = 60_000;
interface Bucket {
  ts: number;
  partial?: boolean;
  ratePerSecond: number;
  errors: number;
  p95Ms: number | null;
  p99Ms: number | null;
}
const bucket = (minute: number, over: Partial<Bucket> = {}): Bucket => ({
  ts: minute * M,
  ratePerSecond: 4,
  errors: 3,
  p95Ms: 90,
  p99Ms: 150,
  ...over,
});
const deploy: Annotation = { ts: M, kind: 'deploy', title: 'v2', eventId: null };

const data = (points: Bucket[], annotations: Annotation[] = []): RedChartData<Bucket> => ({
  points,
  resolution: '1m',
  window: { from: 0, to: 5 * M },
  navigator: {
    points: [bucket(0, { ratePerSecond: 7 })],
    resolution: '1h',
    window: { from: 0, to: 6 * 60 * M },
  },
  annotations,
});
const layout = {
  panes: [
    { axis: 'req/s', height: 50, series: [rateLine(1)] },
    { axis: 'errors', height: 20, series: [ERROR_COLUMNS] },
    { axis: 'latency ms', height: 30, series: [latencyLine('p95'), latencyLine('p99')] },
  ],
  height: 300,
  description: 'Test chart.',
  exportName: 'test',
  exportTitle: 'Scope — rate',
};

describe('RED panes', () => {
  it('draws each series on the axis of the pane that lists it, panes stacked top to bottom', () => {
    const options = buildRedPaneOptions(data([bucket(0), bucket(1)]), layout);
    expect(options.series?.map((s) => [s.id, (s as SeriesLineOptions).yAxis])).toEqual([
      ['rate', 0],
      ['errors', 1],
      ['p95', 2],
      ['p99', 2],
    ]);
    const axes = options.yAxis as YAxisOptions[];
    expect(axes.map((a) => [a.title?.text, a.top, a.height])).toEqual([
      ['req/s', '0%', '47%'],
      ['errors', '50%', '17%'],
      ['latency ms', '70%', '30%'],
    ]);
  });

  it('breaks lines at missing buckets, leaves missing latency as a gap and labels units', () => {
    const options = buildRedPaneOptions(
      data([bucket(0), bucket(1, { p95Ms: null }), bucket(3)]),
      layout,
    );
    const [rate, , p95] = options.series as SeriesLineOptions[];
    expect(p95?.data).toEqual([
      [0, 90],
      [M, null],
      [2 * M, null],
      [3 * M, 90],
    ]);
    expect(rate?.tooltip).toEqual({ valueDecimals: 1, valueSuffix: ' /s' });
    expect(p95).toMatchObject({ name: 'p95 latency', tooltip: { valueSuffix: ' ms' } });
  });

  it('dots lines into and after the first partial bucket, pales its error columns and shades its band', () => {
    const options = buildRedPaneOptions(
      data([bucket(0), bucket(1), bucket(2, { partial: true })]),
      layout,
    );
    const [rate, errors] = options.series as [SeriesLineOptions, SeriesColumnOptions];
    // Dotted from the last settled bucket: the segment running into the partial one is dotted too.
    expect(rate.zones).toEqual([{ value: M }, { dashStyle: 'ShortDot' }]);
    expect(errors.zones?.[1]).toMatchObject({ dashStyle: 'ShortDot' });
    expect(errors.data?.[2]).toMatchObject({ className: 'partial-bucket' });
    const xAxis = Array.isArray(options.xAxis) ? options.xAxis[0] : options.xAxis;
    expect(xAxis?.plotBands).toMatchObject([{ from: 2 * M, to: 5 * M }]);
  });

  it("feeds the navigator the coarse series' rate", () => {
    const options = buildRedPaneOptions(data([bucket(0)]), layout);
    expect(options.navigator).toMatchObject({ series: { data: [[0, 7]] } });
  });

  it('puts extra series after the panes and the flags last, on the rate line', () => {
    const extra: SeriesLineOptions = { type: 'line', id: 'extra', data: [] };
    const options = buildRedPaneOptions(data([bucket(0), bucket(2)], [deploy]), {
      ...layout,
      extraSeries: [extra],
      flagsName: 'Deploys',
    });
    expect(options.series?.map((s) => s.id)).toEqual([
      'rate',
      'errors',
      'p95',
      'p99',
      'extra',
      'annotations',
    ]);
    expect(options.series?.at(-1) as SeriesFlagsOptions).toMatchObject({
      onSeries: 'rate',
      name: 'Deploys',
    });
  });

  it('adds no flags when nothing happened in the window', () => {
    const options = buildRedPaneOptions(data([bucket(0)]), layout);
    expect(options.series?.map((s) => s.id)).toEqual(['rate', 'errors', 'p95', 'p99']);
  });

  it('lays out rate, p95 and errors a pane each for the fleet and segment charts', () => {
    const options = buildRedPaneOptions(data([bucket(0)]), {
      ...layout,
      panes: rateP95ErrorPanes([40, 30, 30]),
    });
    expect(options.series?.map((s) => [s.name, (s as SeriesLineOptions).yAxis])).toEqual([
      ['Requests per second', 0],
      ['p95 latency', 1],
      ['Errors', 2],
    ]);
    expect((options.yAxis as YAxisOptions[]).map((a) => [a.title?.text, a.height])).toEqual([
      ['req/s', '37%'],
      ['p95 ms', '27%'],
      ['errors', '30%'],
    ]);
  });

  it('draws alert episodes as bands across every pane beside the partial band, instants as flags', () => {
    const episode: Annotation = {
      ts: 2 * M,
      endTs: null,
      open: true,
      kind: 'alert',
      title: 'HighErrorRate',
      eventId: null,
    };
    const options = buildRedPaneOptions(
      data([bucket(0), bucket(1), bucket(4, { partial: true })], [deploy, episode]),
      layout,
    );
    const xAxis = Array.isArray(options.xAxis) ? options.xAxis[0] : options.xAxis;
    expect(xAxis?.plotBands).toMatchObject([
      { from: 2 * M, to: 5 * M, className: 'wf-band-alert wf-band-open' },
      { from: 4 * M, to: 5 * M, label: { text: 'partial' } },
    ]);
    expect(options.series?.map((s) => s.id)).toEqual([
      'rate',
      'errors',
      'p95',
      'p99',
      'annotations',
      'bands-alert',
    ]);
    expect((options.series?.at(-2) as SeriesFlagsOptions).data).toHaveLength(1);
    // Headroom in the top pane, so the flags and band labels are not cut off at its top.
    expect((options.yAxis as YAxisOptions[]).map((a) => a.maxPadding)).toEqual([
      0.35,
      undefined,
      undefined,
    ]);
    expect((options.series?.at(-2) as SeriesFlagsOptions).clip).toBe(false);
  });
});
