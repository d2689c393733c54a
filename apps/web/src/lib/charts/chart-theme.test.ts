import type { Options, XAxisOptions, YAxisOptions } from 'highcharts';
import { describe, expect, it } from 'vitest';
import { readChartPalette, themeChartOptions, type ChartPalette } from './chart-theme.ts';

const DARK: ChartPalette = {
  ink: '#e5e7eb',
  muted: '#a3acb9',
  grid: '#2c3748',
  axisLine: '#3b4759',
  surface: '#131b2b',
  hover: '#1c2738',
  accentSoft: '#1b2a4a',
  accent: '#8ab4ff',
  navigatorMask: 'rgba(138, 180, 255, 0.22)',
  bandLabel: '#e5e7eb',
};

/** Highcharts types some axis styles without `color`; the chart still reads it. */
const colourOf = (style: object | undefined) => (style as { color?: string } | undefined)?.color;

describe('themeChartOptions', () => {
  const built: Options = {
    chart: { height: 240 },
    xAxis: { min: 1, max: 2 },
    yAxis: [
      { title: { text: 'req/s', style: { color: '#4b5563' } }, labels: { x: -6 } },
      { title: { text: 'errors' } },
    ],
    tooltip: { shared: true },
    navigator: { enabled: false },
    rangeSelector: { enabled: true, buttonTheme: { width: 34 } },
    series: [{ type: 'line', data: [1, 2], color: '#2563eb' }],
  };
  const themed = themeChartOptions(built, DARK);

  it("lays the palette over every axis, keeping the builder's own settings", () => {
    const yAxes = themed.yAxis as YAxisOptions[];
    expect(yAxes).toHaveLength(2);
    for (const axis of yAxes) {
      expect(axis.gridLineColor).toBe(DARK.grid);
      expect(colourOf(axis.labels?.style)).toBe(DARK.muted);
      expect(colourOf(axis.title?.style)).toBe(DARK.muted);
    }
    expect(yAxes[0]?.title?.text).toBe('req/s');
    expect(yAxes[0]?.labels?.x).toBe(-6);
    const xAxis = themed.xAxis as XAxisOptions;
    expect(xAxis.min).toBe(1);
    expect(colourOf(xAxis.labels?.style)).toBe(DARK.muted);
  });

  it('makes the background transparent and themes tooltip, navigator mask and range buttons', () => {
    expect(themed.chart?.backgroundColor).toBe('transparent');
    expect(themed.chart?.height).toBe(240);
    expect(themed.tooltip?.backgroundColor).toBe(DARK.surface);
    expect(themed.tooltip?.shared).toBe(true);
    expect(themed.navigator?.maskFill).toBe(DARK.navigatorMask);
    expect(themed.navigator?.enabled).toBe(false);
    expect(themed.rangeSelector?.buttonTheme?.width).toBe(34);
    expect(themed.rangeSelector?.buttonTheme?.fill).toBe(DARK.hover);
  });

  it('writes band labels in the palette ink only where the palette asks for it', () => {
    const banded: Options = {
      xAxis: {
        plotBands: [{ from: 1, to: 2, label: { text: 'Alert', style: { color: '#b91c1c' } } }],
      },
    };
    const label = (options: Options) =>
      (options.xAxis as XAxisOptions).plotBands?.[0]?.label?.style?.color;
    expect(label(themeChartOptions(banded, DARK))).toBe(DARK.bandLabel);
    expect(label(themeChartOptions(banded, { ...DARK, bandLabel: '' }))).toBe('#b91c1c');
  });

  it('leaves series colours to the builders', () => {
    expect(themed.series).toBe(built.series);
  });
});

describe('readChartPalette', () => {
  it('reads the CSS variables of the palette on screen', () => {
    const values: Record<string, string> = {
      '--ink': ' #e5e7eb',
      '--chart-mask': 'rgba(1, 2, 3, 0.2)',
    };
    const palette = readChartPalette({ getPropertyValue: (name) => values[name] ?? '' });
    expect(palette.ink).toBe('#e5e7eb');
    expect(palette.navigatorMask).toBe('rgba(1, 2, 3, 0.2)');
  });
});

describe('labels of plot lines and bands', () => {
  it('gives a label without a colour of its own the muted ink of either palette', () => {
    const lined: Options = {
      yAxis: { plotLines: [{ value: 0, label: { text: 'budget spent' } }] },
      xAxis: { plotBands: [{ from: 1, to: 2, label: { text: 'partial' } }] },
    };
    const light = { ...DARK, muted: '#4b5563', bandLabel: '' };
    for (const palette of [DARK, light]) {
      const themed = themeChartOptions(lined, palette);
      expect((themed.yAxis as YAxisOptions).plotLines?.[0]?.label?.style?.color).toBe(
        palette.muted,
      );
      expect((themed.xAxis as XAxisOptions).plotBands?.[0]?.label?.style?.color).toBe(
        palette.muted,
      );
    }
  });
});
