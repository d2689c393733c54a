import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Bounds } from '../lib/time-window.ts';
import { drillParams, readDrillView, zoomView, type DrillView } from '../lib/url-state.ts';

/**
 * Parameters that belong to one page only and survive a zoom or a filter change on it. A page
 * that keeps more of its state in the address (a legend choice, say) adds its key here.
 */
const PAGE_PARAMS = ['compare', 'event', 'hide'] as const;

type PageParam = (typeof PAGE_PARAMS)[number];

/**
 * The view the address bar holds right now. Charts report zooms from their own event handlers,
 * which can run while React still renders the previous entry (just after Back or Forward); a
 * change built on that rendered view would rewrite the entry the browser has just moved to.
 */
function addressView(): { view: DrillView; params: URLSearchParams } {
  const params = new URLSearchParams(window.location.search);
  return { view: readDrillView(params), params };
}

/**
 * The drill-down view of the current URL, and the ways a page changes it. A zoom is a new history
 * entry (back undoes it); toggles and selections replace the current entry. A change that leaves
 * the address as it is never becomes an entry, so Back always goes to a different view.
 */
export function useDrillView() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const search = params.toString();
  const view = useMemo(() => readDrillView(new URLSearchParams(search)), [search]);

  const go = useCallback(
    (
      change: (current: DrillView) => DrillView,
      extra: Partial<Record<PageParam, string | undefined>>,
      replace: boolean,
    ) => {
      // A report from a page that is no longer the one in the address belongs to nobody.
      if (window.location.pathname !== pathname) return;
      const { view: current, params: currentParams } = addressView();
      const keep = Object.fromEntries(
        PAGE_PARAMS.map((key) => [
          key,
          key in extra ? extra[key] : (currentParams.get(key) ?? undefined),
        ]),
      );
      const next = `?${drillParams(change(current), keep).toString()}`;
      if (next === `?${drillParams(current, pageParams(currentParams)).toString()}`) return;
      void navigate({ pathname, search: next }, { replace });
    },
    [navigate, pathname],
  );

  // Highstock also reports extremes when it redraws after an option change (a toggle, new data,
  // Back or Forward); a "zoom" that leaves the address as it is is no entry (see go).
  const zoom = useCallback(
    (bounds: Bounds | null) => go((current) => zoomView(current, bounds), {}, false),
    [go],
  );
  const setPageParam = useCallback(
    (key: PageParam, value: string | undefined) => go((current) => current, { [key]: value }, true),
    [go],
  );
  const setFilters = useCallback(
    (filters: DrillView['filters']) =>
      go((current) => ({ ...current, filters }), { event: undefined }, false),
    [go],
  );

  return { view, params, zoom, setPageParam, setFilters };
}

function pageParams(params: URLSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(PAGE_PARAMS.map((key) => [key, params.get(key) ?? undefined]));
}
