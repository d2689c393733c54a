import Highcharts from 'highcharts/highstock';

interface RememberedZoom {
  userMin?: number;
  userMax?: number;
}

/**
 * The URL is the view, so every options update (a new window, Back or Forward, live data) must
 * show the extremes the options carry. Highstock would otherwise keep the reader's last zoom: an
 * axis's userMin/userMax survive an update and win over its `min`/`max` options, so after one
 * zoom, Back and Forward changed the address but not the chart.
 */
export function letOptionsSetExtremes(chart: Highcharts.Chart): void {
  Highcharts.addEvent(chart, 'update', () => {
    for (const axis of chart.xAxis) {
      const zoom = axis as unknown as RememberedZoom;
      zoom.userMin = undefined;
      zoom.userMax = undefined;
    }
  });
}
