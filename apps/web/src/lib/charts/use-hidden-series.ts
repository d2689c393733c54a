import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { formatHidden, HIDE_PARAM, parseHidden, toggleHidden } from './legend-visibility.ts';

/**
 * The page's hidden series, kept in the URL (`hide=`), and the way a legend click changes them.
 * Like every other toggle it replaces the history entry: back walks the drill-down, not the legend.
 * The drill-down keeps `hide` across zooms and filter changes as one of its page parameters.
 */
export function useHiddenSeries(): {
  hidden: ReadonlySet<string>;
  toggle: (id: string, hide: boolean) => void;
} {
  const [params, setParams] = useSearchParams();
  const raw = params.get(HIDE_PARAM);
  const hidden = useMemo(() => parseHidden(raw), [raw]);
  // The router's setter changes with every URL; the chart's options should not.
  const setParamsRef = useRef(setParams);
  useEffect(() => {
    setParamsRef.current = setParams;
  }, [setParams]);
  const toggle = useCallback(
    (id: string, hide: boolean) =>
      setParamsRef.current(
        (current) => {
          const next = new URLSearchParams(current);
          const value = formatHidden(toggleHidden(parseHidden(current.get(HIDE_PARAM)), id, hide));
          if (value === undefined) next.delete(HIDE_PARAM);
          else next.set(HIDE_PARAM, value);
          return next;
        },
        { replace: true },
      ),
    [],
  );
  return { hidden, toggle };
}
