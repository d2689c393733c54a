/**
 * One crosshair for the charts of a page: hovering a time on one chart shows the same time, with
 * its tooltip, on the others. Charts are matched by time, not by pixel, since their plot areas
 * differ (axis labels, panes). The Highcharts surface used is named here, so tests can fake it.
 */

export interface SyncPoint {
  x: number;
  isNull?: boolean;
  series: unknown;
  onMouseOver(): void;
  setState(state?: ''): void;
}

export interface SyncSeries {
  visible: boolean;
  /** Highcharts' smallest step between two of the series' points: its bucket width. */
  closestPointRange?: number;
  type: string;
  points: readonly SyncPoint[];
  options: { isInternal?: boolean; enableMouseTracking?: boolean };
}

export interface SyncAxis {
  getExtremes(): { min: number; max: number };
  toValue(pixel: number, paneCoordinates?: boolean): number;
  drawCrosshair(event?: undefined, point?: SyncPoint): void;
  hideCrosshair(): void;
}

export interface SyncChart {
  xAxis: SyncAxis[];
  series: readonly SyncSeries[];
  pointer: { reset(allowMove?: boolean, delay?: number): void };
  hoverSeries?: unknown;
}

/**
 * The drawn point nearest to `x` and no further from it than `tolerance`, or undefined when the
 * series drew nothing there: a chart with a gap at that time shows the gap, not a point hours off.
 */
export function nearestPoint<P extends { x: number; isNull?: boolean }>(
  points: readonly P[],
  x: number,
  tolerance = Infinity,
): P | undefined {
  let best: P | undefined;
  for (const point of points) {
    if (point.isNull || Math.abs(point.x - x) > tolerance) continue;
    if (!best || Math.abs(point.x - x) < Math.abs(best.x - x)) best = point;
  }
  return best;
}

// Flags and the legend stand-ins of bands carry no values a crosshair could read.
function readable(series: SyncSeries): boolean {
  return (
    series.visible &&
    series.type !== 'flags' &&
    series.options.isInternal !== true &&
    series.options.enableMouseTracking !== false &&
    series.points.length > 0
  );
}

/** A series' point at `x`: within one of its buckets; a lone point only at that very time. */
function nearby(series: SyncSeries, x: number): SyncPoint | undefined {
  return nearestPoint(series.points, x, series.closestPointRange ?? 0);
}

function release(chart: SyncChart): void {
  // A full reset forgets the hovered points too: a live update's redraw would otherwise bring
  // back the tooltip of a time the reader has left.
  chart.pointer.reset(false, 0);
  chart.xAxis[0]?.hideCrosshair();
}

/** The charts of one page; each follows the time hovered on any other. */
export class CrosshairGroup {
  private readonly charts = new Set<SyncChart>();

  /** Adds a chart; the returned function takes it out again (the chart is destroyed). */
  join(chart: SyncChart): () => void {
    this.charts.add(chart);
    return () => this.charts.delete(chart);
  }

  /** The reader hovers time `x` on `source`: every other chart shows it too. */
  follow(source: SyncChart, x: number): void {
    for (const chart of this.charts) {
      if (chart === source) continue;
      const axis = chart.xAxis[0];
      if (!axis) continue;
      const { min, max } = axis.getExtremes();
      const point =
        x >= min && x <= max
          ? nearestPoint(
              chart.series
                .filter(readable)
                .flatMap((series) => nearby(series, x))
                .filter((p): p is SyncPoint => p !== undefined),
              x,
            )
          : undefined;
      if (!point) {
        release(chart);
        continue;
      }
      // Entering a series makes Highcharts take its chart for the one under the mouse, and reset
      // the chart that really is. Marked as already over the series, only the point is hovered.
      chart.hoverSeries = point.series;
      point.onMouseOver();
      axis.drawCrosshair(undefined, point);
    }
  }

  /** The reader left `source`: the others let go of the time they were showing. */
  leave(source: SyncChart): void {
    for (const chart of this.charts) if (chart !== source) release(chart);
  }
}
