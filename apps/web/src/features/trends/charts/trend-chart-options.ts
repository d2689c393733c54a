import type { Options, SeriesColumnOptions, SeriesLineOptions } from 'highcharts';
import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import { stockFrame } from '../../../lib/charts/stock-options.ts';
import type { Bounds } from '../../../lib/time-window.ts';

const DAY = 86_400_000;

/** Daily availability bars of one segment against its SLO line (percent). */
export function availabilityChartOptions(segment: SegmentTrend, window: Bounds): Options {
  const base = stockFrame({
    resolution: '1d',
    window: { from: Math.floor(window.from / DAY) * DAY, to: window.to },
    navWindow: window,
    navigatorData: [],
    height: 240,
    navigator: false,
    description: `Daily availability of ${segment.name} against its ${(segment.slo.availability * 100).toFixed(2)} % SLO.`,
    exportName: `availability-${segment.slug}`,
    exportTitle: `Segment ${segment.name} — daily availability`,
  });
  const bars: SeriesColumnOptions = {
    type: 'column',
    name: 'Availability',
    color: '#2563eb',
    zones: [{ value: segment.slo.availability * 100, color: '#c62828' }],
    data: segment.daily.map((d) => [d.ts, d.availability === null ? null : d.availability * 100]),
  };
  const slo: SeriesLineOptions = {
    type: 'line',
    name: 'SLO',
    color: '#0f766e',
    dashStyle: 'Dash',
    zIndex: 2,
    lineWidth: 2,
    data: segment.daily.map((d) => [d.ts, segment.slo.availability * 100]),
    step: 'center',
  };
  const lowest = Math.min(
    segment.slo.availability * 100,
    ...segment.daily.flatMap((d) => (d.availability === null ? [] : [d.availability * 100])),
  );
  return {
    ...base,
    rangeSelector: { enabled: false },
    xAxis: { ...base.xAxis, minRange: DAY },
    yAxis: {
      title: { text: 'Availability %' },
      opposite: false,
      min: Math.max(0, Math.floor(lowest - 0.5)),
      max: 100,
    },
    tooltip: { shared: true, xDateFormat: '%Y-%m-%d UTC', valueDecimals: 3, valueSuffix: ' %' },
    series: [bars, slo],
  };
}

/** Share of each segment's period budget left at the end of each day; below zero is overspent. */
export function burnDownChartOptions(segments: readonly SegmentTrend[], window: Bounds): Options {
  const base = stockFrame({
    resolution: '1d',
    window,
    navWindow: window,
    navigatorData: [],
    height: 280,
    navigator: false,
    description: 'Error budget left for the period, per segment, at the end of each day.',
    exportName: 'error-budget-burn-down',
    exportTitle: 'Fleet — error budget left',
  });
  return {
    ...base,
    rangeSelector: { enabled: false },
    legend: { enabled: true, align: 'left', verticalAlign: 'top' },
    yAxis: {
      title: { text: 'Budget left %' },
      opposite: false,
      plotLines: [{ value: 0, color: '#c62828', width: 1, label: { text: 'budget spent' } }],
    },
    tooltip: {
      shared: true,
      xDateFormat: '%Y-%m-%d %H:%M UTC',
      valueDecimals: 1,
      valueSuffix: ' %',
    },
    series: segments.map((s): SeriesLineOptions => ({
      type: 'line',
      // An id lets a legend choice be kept in the URL.
      id: `burn-${s.slug}`,
      name: s.slug,
      data: [
        [window.from, 100],
        ...s.burnDown.map((p): [number, number | null] => [
          p.ts,
          p.remainingShare === null ? null : p.remainingShare * 100,
        ]),
      ],
    })),
  };
}
