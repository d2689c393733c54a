import { useMemo } from 'react';
import type { SeriesMetric } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import { useSeries, type SeriesScope } from './get-series.ts';
import { resolveWindow, type Bounds } from './time-window.ts';
import type { DrillView } from './url-state.ts';

/** The unzoomed series a page's own answer already carries. */
export interface PageSeries<T> {
  points: readonly T[];
  resolution: Resolution | null;
  window: Bounds;
  generatedAt: number;
}

/**
 * A drill-down chart's series. Unzoomed, the page's own answer; zoomed, the visible window is
 * loaded at its finer resolution while the navigator keeps the coarse outer window.
 */
export function useZoomedSeries<T>(
  target: SeriesScope,
  view: DrillView,
  metrics: readonly SeriesMetric[],
  page: PageSeries<T>,
) {
  const zoomed = view.nav !== undefined;
  const main = useSeries(target, zoomed ? view.window : undefined, metrics);
  const outer = useSeries(target, view.nav, metrics);
  const resolution = (zoomed ? main.data?.meta.resolution : null) ?? page.resolution ?? '1m';
  const points = (zoomed ? main.data?.data.points : null) ?? page.points;
  const navPoints = (zoomed ? outer.data?.data.points : null) ?? page.points;
  const navResolution = (zoomed ? outer.data?.meta.resolution : null) ?? page.resolution ?? '1m';
  const { from: navFrom, to: navTo } = view.nav
    ? resolveWindow(view.nav, outer.dataUpdatedAt || page.generatedAt)
    : page.window;
  // Keyed on the bounds, not the derived object, so the chart is not rebuilt on every render.
  const navigator = useMemo(
    () => ({ points: navPoints, resolution: navResolution, window: { from: navFrom, to: navTo } }),
    [navPoints, navResolution, navFrom, navTo],
  );
  return { zoomed, main, outer, points, resolution, navigator };
}
