import { useMemo } from 'react';
import type { Meta } from '@watchfloor/shared/api-envelope';
import type { SeriesMetric } from '@watchfloor/shared/drilldown';
import { useSeries, type SeriesScope } from './get-series.ts';
import { resolveWindow, type Bounds } from './time-window.ts';
import type { DrillView } from './url-state.ts';

/** What the hook reads of the page's own answer: its window, its resolution and when it was made. */
export interface PageAnswer {
  data: { window: Bounds };
  meta: Pick<Meta, 'resolution' | 'generatedAt'>;
}

/**
 * A drill-down chart's series. Unzoomed, the page's own answer (`pagePoints` of `page`); zoomed,
 * the visible window is loaded at its finer resolution while the navigator keeps the coarse outer
 * window.
 */
export function useZoomedSeries<T>(
  target: SeriesScope,
  view: DrillView,
  metrics: readonly SeriesMetric[],
  page: PageAnswer,
  pagePoints: readonly T[],
) {
  const zoomed = view.nav !== undefined;
  const main = useSeries(target, zoomed ? view.window : undefined, metrics);
  const outer = useSeries(target, view.nav, metrics);
  const pageResolution = page.meta.resolution;
  const resolution = (zoomed ? main.data?.meta.resolution : null) ?? pageResolution ?? '1m';
  const points = (zoomed ? main.data?.data.points : null) ?? pagePoints;
  const navPoints = (zoomed ? outer.data?.data.points : null) ?? pagePoints;
  const navResolution = (zoomed ? outer.data?.meta.resolution : null) ?? pageResolution ?? '1m';
  const { from: navFrom, to: navTo } = view.nav
    ? resolveWindow(view.nav, outer.dataUpdatedAt || page.meta.generatedAt)
    : page.data.window;
  // Keyed on the bounds, not the derived object, so the chart is not rebuilt on every render.
  const navigator = useMemo(
    () => ({ points: navPoints, resolution: navResolution, window: { from: navFrom, to: navTo } }),
    [navPoints, navResolution, navFrom, navTo],
  );
  return { zoomed, main, outer, points, resolution, navigator };
}
