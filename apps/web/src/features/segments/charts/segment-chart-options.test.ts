import { describe, expect, it } from 'vitest';
import type { SeriesFlagsOptions, SeriesLineOptions } from 'highcharts';
import type { SeriesPoint } from '@watchfloor/shared/drilldown';
import { buildSegmentChartOptions, shiftPrevious } from './segment-chart-options.ts';

const M = 60_000;
const seriesPoint = (minute: number, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  ts: minute * M,
  partial: false,
  requests: 60,
  ratePerSecond: 1,
  errors: 2,
  errorRatio: 2 / 60,
  p50Ms: 20,
  p95Ms: 80,
  p99Ms: 120,
  gaugeAvg: null,
  gaugeMin: null,
  gaugeMax: null,
  ...over,
});

const base = {
  segmentName: 'Checkout EU',
  segmentId: 'checkout-eu',
  resolution: '1m' as const,
  points: [seriesPoint(60), seriesPoint(61, { partial: true })],
  window: { from: 60 * M, to: 62 * M },
  navigator: {
    points: [seriesPoint(60)],
    resolution: '1m' as const,
    window: { from: 60 * M, to: 62 * M },
  },
  annotations: [],
};
const restart = {
  ts: 60 * M + 30_000,
  kind: 'action' as const,
  title: 'Restart entity checkout-eu-3 (#4)',
  eventId: null,
};

describe('segment chart options', () => {
  it('moves the previous period forward by the window length so the same minute lines up', () => {
    expect(
      shiftPrevious(
        [seriesPoint(0), seriesPoint(1)],
        { from: 0, to: 2 * M },
        { from: 2 * M, to: 4 * M },
      ).map((p) => p.ts),
    ).toEqual([2 * M, 3 * M]);
  });

  it('draws only the current period unless comparison is on', () => {
    expect(buildSegmentChartOptions(base).series?.map((s) => s.id)).toEqual([
      'rate',
      'p95',
      'errors',
    ]);
  });

  it('adds the previous period as grey dashed lines kept out of the navigator', () => {
    const options = buildSegmentChartOptions({
      ...base,
      previous: {
        points: [seriesPoint(58, { ratePerSecond: 5 })],
        resolution: '1m',
        window: { from: 58 * M, to: 60 * M },
      },
    });
    const previous = options.series?.find((s) => s.id === 'rate-previous') as SeriesLineOptions;
    expect(previous).toMatchObject({
      dashStyle: 'Dash',
      showInNavigator: false,
      data: [[60 * M, 5]],
    });
    expect(options.series).toHaveLength(6);
  });

  it('dots the lines from the last settled bucket into the first partial one', () => {
    expect((buildSegmentChartOptions(base).series?.[0] as SeriesLineOptions).zones).toEqual([
      { value: 60 * M },
      { dashStyle: 'ShortDot' },
    ]);
  });

  it("flags the segment's actions on its rate line, saying which action it was", () => {
    const options = buildSegmentChartOptions({
      ...base,
      annotations: [restart, { ...restart, ts: 10 * M, title: 'before the window' }],
    });
    const flags = options.series?.find((s) => s.id === 'annotations') as SeriesFlagsOptions;
    expect(flags).toMatchObject({
      type: 'flags',
      onSeries: 'rate',
      name: 'Changes, alerts and actions',
    });
    expect(flags.data).toEqual([
      expect.objectContaining({
        x: restart.ts,
        title: 'Action',
        text: 'Action: Restart entity checkout-eu-3 (#4)',
      }),
    ]);
  });

  it('stands an action newer than the last bucket on the time axis, where Highstock still draws it', () => {
    const late = { ...restart, ts: 61 * M + 50_000 };
    const flags = buildSegmentChartOptions({ ...base, annotations: [late] }).series?.find(
      (s) => s.id === 'annotations',
    ) as SeriesFlagsOptions;
    expect(flags.onSeries).toBeUndefined();
    expect(flags.data).toHaveLength(1);
  });
});

describe('previous-period tooltips', () => {
  const withPrevious = buildSegmentChartOptions({
    ...base,
    previous: {
      points: [seriesPoint(58), seriesPoint(59)],
      resolution: '1m',
      window: { from: 58 * M, to: 60 * M },
    },
  });
  const tooltipOf = (id: string) =>
    (withPrevious.series?.find((s) => s.id === id) as SeriesLineOptions | undefined)?.tooltip;

  it('carry the same units and decimals as the current series they are compared with', () => {
    for (const [current, previous] of [
      ['rate', 'rate-previous'],
      ['p95', 'p95-previous'],
      ['errors', 'errors-previous'],
    ] as const) {
      const now = tooltipOf(current);
      const then = tooltipOf(previous);
      expect(then?.valueSuffix).toBe(now?.valueSuffix);
      expect(then?.valueDecimals ?? 0).toBe(now?.valueDecimals ?? 0);
    }
    expect(tooltipOf('rate-previous')).toMatchObject({ valueSuffix: ' /s', valueDecimals: 2 });
    expect(tooltipOf('p95-previous')).toMatchObject({ valueSuffix: ' ms' });
    expect(tooltipOf('errors-previous')).toMatchObject({ valueSuffix: ' errors' });
  });
});
