import Highcharts from 'highcharts/highstock';

interface RememberedZoom {
  userMin?: number;
  userMax?: number;
}
interface RememberedButton {
  options: { selected?: number };
}

/**
 * The URL is the view, so every options update (a new window, Back or Forward, live data) must
 * show the extremes the options carry. Highstock would otherwise keep the reader's last zoom (an
 * axis's userMin/userMax survive an update and win over its `min`/`max`), and re-click the range
 * button that matched the last extremes ("All" after Back) while applying the update: that undid
 * the zoom Forward restored and reported it as a fresh zoom, pushing a new history entry.
 */
export function letOptionsSetExtremes(chart: Highcharts.Chart): void {
  Highcharts.addEvent(chart, 'update', () => {
    for (const axis of chart.xAxis) {
      const zoom = axis as unknown as RememberedZoom;
      zoom.userMin = undefined;
      zoom.userMax = undefined;
    }
    const rangeSelector = (chart as unknown as { rangeSelector?: RememberedButton }).rangeSelector;
    if (rangeSelector) rangeSelector.options.selected = undefined;
    if (chart.options.rangeSelector) chart.options.rangeSelector.selected = undefined;
  });
}
