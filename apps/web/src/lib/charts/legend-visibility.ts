import type { Options } from 'highcharts';

/** The page parameter listing the series hidden through a legend: `hide=errors,p95`. */
export const HIDE_PARAM = 'hide';

/** Series ids hidden on this page; unknown ids are harmless (another chart of the page owns them). */
export function parseHidden(value: string | null | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
  );
}

/** The parameter's value, in a stable order so one choice is always one URL; none: no parameter. */
export function formatHidden(hidden: ReadonlySet<string>): string | undefined {
  return hidden.size === 0 ? undefined : [...hidden].sort().join(',');
}

/** The hidden set after one legend click on series `id`. */
export function toggleHidden(
  hidden: ReadonlySet<string>,
  id: string,
  hide: boolean,
): ReadonlySet<string> {
  const next = new Set(hidden);
  if (hide) next.add(id);
  else next.delete(id);
  return next;
}

function shown<S extends { visible?: boolean }>(series: S, visible: boolean): S {
  return { ...series, visible };
}

/**
 * The chart's options with the URL's hidden series hidden and every legend click reported, so the
 * choice survives a reload and a shared link. Series without an id are not the reader's to hide.
 */
export function withLegendVisibility(
  options: Options,
  hidden: ReadonlySet<string>,
  onToggle: (id: string, hide: boolean) => void,
): Options {
  // Shown ones are said explicitly too: a chart updated in place keeps a visibility it is not told.
  const series = options.series?.map((one) =>
    one.id === undefined || one.visible === false ? one : shown(one, !hidden.has(one.id)),
  );
  return {
    ...options,
    ...(series ? { series } : {}),
    legend: {
      ...options.legend,
      events: {
        ...options.legend?.events,
        // The legend's own event comes before the click's default toggle, so `visible` is still the
        // state before the click (the series' legendItemClick fires after it in Highcharts 12).
        itemClick(event) {
          const item = event.legendItem as { options?: { id?: string }; visible?: boolean };
          const id = item.options?.id;
          if (id !== undefined) onToggle(id, item.visible === true);
        },
      },
    },
  };
}
