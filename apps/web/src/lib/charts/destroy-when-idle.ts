import { whenIdle } from '../when-idle.ts';

/** The part of a Highcharts chart this needs: its own teardown. */
interface Destroyable {
  destroy(): void;
}

/** Past this, a retired chart is destroyed even if the browser never goes idle. */
const LATEST_MS = 1_000;

/**
 * Tearing a Highstock chart down walks every SVG element and event it made: tens of milliseconds
 * on a large chart. When a click replaces one page with the next, that work would run before the
 * next page's chart could be drawn. So a chart leaving the page is retired at once (`retire`, and
 * React takes its container out of the document) and destroyed when the browser is next idle.
 */
export function destroyWhenIdle(
  chart: Destroyable,
  retire: () => void,
  schedule: (run: () => void, timeout: number) => void = whenIdle,
): void {
  const destroyNow = chart.destroy.bind(chart);
  let retired = false;
  chart.destroy = () => {
    if (retired) return;
    retired = true;
    retire();
    schedule(destroyNow, LATEST_MS);
  };
}
