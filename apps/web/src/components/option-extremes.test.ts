import Highcharts from 'highcharts/highstock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { letOptionsSetExtremes } from './option-extremes.ts';

const H = 3_600_000;
const data = Array.from({ length: 6 * 60 }, (_, i) => [i * 60_000, i]);

function options(min: number, max: number): Highcharts.Options {
  return {
    chart: { width: 800, height: 400, animation: false },
    accessibility: { enabled: false },
    rangeSelector: {
      enabled: true,
      inputEnabled: false,
      allButtonsEnabled: true,
      buttons: [
        { type: 'hour', count: 1, text: '1h' },
        { type: 'all', text: 'All' },
      ],
    },
    navigator: { enabled: true },
    xAxis: { min, max, ordinal: false },
    series: [{ type: 'line', data, animation: false }],
  };
}

describe('a chart whose options carry the URL window', () => {
  beforeAll(() => {
    // happy-dom's select.add refuses Highstock's range dropdown; the dropdown is not under test.
    HTMLSelectElement.prototype.add = function (option: HTMLOptionElement | HTMLOptGroupElement) {
      this.appendChild(option);
    };
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the window of each update after the reader zoomed with a range button, reporting no zoom', () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const chart = Highcharts.stockChart(container, options(0, 6 * H));
    letOptionsSetExtremes(chart);
    (
      chart as unknown as { rangeSelector: { clickButton(i: number): void } }
    ).rangeSelector.clickButton(0); // the reader presses "1h"
    const reported: string[] = [];
    Highcharts.addEvent(chart.xAxis[0]!, 'afterSetExtremes', (event: { trigger?: string }) => {
      if (event.trigger) reported.push(event.trigger);
    });

    chart.update(options(0, 6 * H), true, true); // Back: the whole window again
    expect(chart.xAxis[0]!.getExtremes()).toMatchObject({ min: 0, max: 6 * H });

    chart.update(options(2 * H, 3 * H), true, true); // Forward: a zoom the URL names
    expect(chart.xAxis[0]!.getExtremes()).toMatchObject({ min: 2 * H, max: 3 * H });
    expect(reported).toEqual([]);
  });

  it('keeps the zoom Forward brings back after Back showed everything, without re-clicking "All"', () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const chart = Highcharts.stockChart(container, options(0, 6 * H));
    letOptionsSetExtremes(chart);
    const reported: string[] = [];
    Highcharts.addEvent(chart.xAxis[0]!, 'afterSetExtremes', (event: { trigger?: string }) => {
      if (event.trigger) reported.push(event.trigger);
    });

    chart.update(options(2 * H, 3 * H), true, true); // Forward to a zoom, after all was shown
    expect(chart.xAxis[0]!.getExtremes()).toMatchObject({ min: 2 * H, max: 3 * H });
    chart.update(options(0, 6 * H), true, true); // Back
    chart.update(options(2 * H, 3 * H), true, true); // Forward again
    expect(chart.xAxis[0]!.getExtremes()).toMatchObject({ min: 2 * H, max: 3 * H });
    expect(reported).toEqual([]);
  });
});
