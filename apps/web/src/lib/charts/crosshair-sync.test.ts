import { describe, expect, it, vi } from 'vitest';
import { CrosshairGroup, nearestPoint, type SyncChart } from './crosshair-sync.ts';

const M = 60_000;

function fakeChart(xs: number[], extremes = { min: 0, max: 10 * M }) {
  const points = xs.map((x) => ({ x, series: 'line', onMouseOver: vi.fn(), setState: vi.fn() }));
  const axis = {
    getExtremes: () => extremes,
    toValue: (pixel: number) => pixel * M,
    drawCrosshair: vi.fn(),
    hideCrosshair: vi.fn(),
  };
  const pointer = { reset: vi.fn() };
  const chart: SyncChart = {
    xAxis: [axis],
    series: [
      { visible: true, type: 'line', points, options: {}, closestPointRange: M },
      // A flag at the hovered time must not be what the other chart's tooltip shows.
      {
        visible: true,
        type: 'flags',
        points: [{ x: 3 * M, series: 'flags', onMouseOver: vi.fn(), setState: vi.fn() }],
        options: {},
      },
    ],
    pointer,
  };
  return { chart, points, axis, pointer };
}

describe('crosshair sync', () => {
  it('finds the drawn point nearest to a time, skipping gaps', () => {
    const points = [{ x: 0 }, { x: M, isNull: true }, { x: 2 * M }];
    expect(nearestPoint(points, 1.2 * M)).toBe(points[2]);
    expect(nearestPoint([], M)).toBeUndefined();
    expect(nearestPoint(points, 4 * M, M)).toBeUndefined();
  });

  it('shows the hovered time in every other chart of the group, with tooltip and crosshair', () => {
    const group = new CrosshairGroup();
    const red = fakeChart([0, M, 2 * M, 3 * M]);
    const gauge = fakeChart([0, M, 2 * M, 3 * M]);
    group.join(red.chart);
    group.join(gauge.chart);
    group.follow(red.chart, 3 * M + 5_000);
    expect(gauge.points[3]?.onMouseOver).toHaveBeenCalledOnce();
    expect(gauge.axis.drawCrosshair).toHaveBeenCalledWith(undefined, gauge.points[3]);
    // Already over the series, so Highcharts does not take the gauge for the chart under the mouse.
    expect(gauge.chart.hoverSeries).toBe('line');
    // The chart under the mouse draws its own.
    expect(red.points[3]?.onMouseOver).not.toHaveBeenCalled();
  });

  it('lets the others go when the mouse leaves, and leaves alone a chart that left the group', () => {
    const group = new CrosshairGroup();
    const red = fakeChart([0, M]);
    const gauge = fakeChart([0, M]);
    const gone = fakeChart([0, M]);
    group.join(red.chart);
    group.join(gauge.chart);
    group.join(gone.chart)();
    group.leave(red.chart);
    expect(gauge.pointer.reset).toHaveBeenCalledWith(false, 0);
    expect(gauge.axis.hideCrosshair).toHaveBeenCalled();
    group.follow(red.chart, M);
    expect(gone.points[1]?.onMouseOver).not.toHaveBeenCalled();
  });

  it('hides the crosshair of a chart whose window does not hold the hovered time', () => {
    const group = new CrosshairGroup();
    const red = fakeChart([0, M]);
    const other = fakeChart([0, M], { min: 0, max: 2 * M });
    group.join(red.chart);
    group.join(other.chart);
    group.follow(red.chart, 5 * M);
    expect(other.points.some((p) => p.onMouseOver.mock.calls.length > 0)).toBe(false);
    expect(other.axis.hideCrosshair).toHaveBeenCalled();
  });

  it('shows a gap as a gap: no point hours away from the hovered time stands in for it', () => {
    const group = new CrosshairGroup();
    const red = fakeChart([0, M, 2 * M, 3 * M, 4 * M, 5 * M]);
    // The gauge reported at 0 and 1 min, then nothing until 8 min.
    const gauge = fakeChart([0, M, 8 * M]);
    group.join(red.chart);
    group.join(gauge.chart);
    group.follow(red.chart, 4 * M);
    expect(gauge.points.some((p) => p.onMouseOver.mock.calls.length > 0)).toBe(false);
    expect(gauge.axis.hideCrosshair).toHaveBeenCalled();
    // Within one bucket of a point it is shown.
    group.follow(red.chart, 1.4 * M);
    expect(gauge.points[1]?.onMouseOver).toHaveBeenCalledOnce();
  });
});
