import Highcharts from 'highcharts/highstock';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { singleAxisFrame } from '../lib/charts/stock-options.ts';
import { render } from '../testing/render.tsx';
import { StockChartCanvas } from './stock-chart-canvas.tsx';

const HOUR = 3_600_000;
const window6h = { from: 0, to: 6 * HOUR };

async function drawChart() {
  const chartRef: { current: Highcharts.Chart | null } = { current: null };
  const options: Highcharts.Options = {
    ...singleAxisFrame(
      {
        resolution: '1m',
        window: window6h,
        height: 200,
        description: 'Requests.',
        exportName: 'requests',
        exportTitle: 'Requests',
      },
      'req/s',
    ),
    series: [
      {
        type: 'line',
        name: 'Requests',
        data: [
          [0, 1],
          [HOUR, 2],
        ],
      },
    ],
  };
  const view = await render(
    <StockChartCanvas options={options} label="Requests" chartRef={chartRef} />,
    { router: true },
  );
  const chart = chartRef.current;
  if (!chart) throw new Error('the chart was not drawn');
  return { view, chart };
}

const alive = (chart: Highcharts.Chart) => Highcharts.charts.includes(chart);

describe('a chart leaving the page', () => {
  afterEach(() => vi.useRealTimers());

  it('is out of the page at once and torn down only once the browser is idle', async () => {
    const { view, chart } = await drawChart();
    vi.useFakeTimers();
    const container = chart.container;
    expect(container.isConnected).toBe(true);

    view.unmount();

    // The next page's chart is drawn before this one's teardown.
    expect(container.isConnected).toBe(false);
    expect(alive(chart)).toBe(true);
    act(() => {
      vi.runAllTimers();
    });
    expect(alive(chart)).toBe(false);
  });
});
