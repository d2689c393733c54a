import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Bounds } from '../lib/time-window.ts';
import { drillParams, readDrillView, zoomView, type DrillView } from '../lib/url-state.ts';

/** Parameters that belong to one page only and survive a zoom or a filter change on it. */
const PAGE_PARAMS = ['compare', 'event'] as const;

/**
 * The drill-down view of the current URL, and the ways a page changes it. A zoom is a new history
 * entry (back undoes it); toggles and selections replace the current entry.
 */
export function useDrillView() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const search = params.toString();
  const view = useMemo(() => readDrillView(new URLSearchParams(search)), [search]);

  const go = useCallback(
    (
      next: DrillView,
      extra: Partial<Record<(typeof PAGE_PARAMS)[number], string | undefined>>,
      replace: boolean,
    ) => {
      const current = new URLSearchParams(search);
      const keep = Object.fromEntries(
        PAGE_PARAMS.map((key) => [
          key,
          key in extra ? extra[key] : (current.get(key) ?? undefined),
        ]),
      );
      void navigate({ pathname, search: `?${drillParams(next, keep).toString()}` }, { replace });
    },
    [navigate, pathname, search],
  );

  const zoom = useCallback(
    (bounds: Bounds | null) => {
      const next = zoomView(view, bounds);
      // Highstock also reports extremes when it redraws after an option change (a toggle, new
      // data); a "zoom" that leaves the view as it is must not become a history entry.
      if (drillParams(next).toString() !== drillParams(view).toString()) go(next, {}, false);
    },
    [go, view],
  );
  const setPageParam = useCallback(
    (key: (typeof PAGE_PARAMS)[number], value: string | undefined) =>
      go(view, { [key]: value }, true),
    [go, view],
  );
  const setFilters = useCallback(
    (filters: DrillView['filters']) => go({ ...view, filters }, { event: undefined }, false),
    [go, view],
  );

  return { view, params, zoom, setPageParam, setFilters };
}
