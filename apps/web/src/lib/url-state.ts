import {
  EVENT_KINDS,
  EVENT_STATUSES,
  type EventKind,
  type EventStatus,
} from '@watchfloor/shared/ingest';
import { decodeNav, readWindowParams } from './read-window.ts';
import {
  encodeNav,
  resolveWindow,
  sameWindow,
  windowParams,
  absolute,
  type Bounds,
  type ViewWindow,
} from './time-window.ts';

/** Raw-event filters; they travel with every drill-down link so no level drops them. */
export interface EventFilters {
  status?: EventStatus;
  kind?: EventKind;
  errorClass?: string;
}

/**
 * Everything the drill-down keeps in the query string: the page window, the outer window a
 * zoomed chart's navigator still shows (`nav`), and the event filters.
 */
export interface DrillView {
  window: ViewWindow;
  nav?: ViewWindow;
  filters: EventFilters;
}

const ERROR_CLASS_MAX = 64;

export function readFilters(params: URLSearchParams): EventFilters {
  const filters: EventFilters = {};
  const status = params.get('status');
  if ((EVENT_STATUSES as readonly string[]).includes(status ?? ''))
    filters.status = status as EventStatus;
  const kind = params.get('kind');
  if ((EVENT_KINDS as readonly string[]).includes(kind ?? '')) filters.kind = kind as EventKind;
  const errorClass = params.get('errorClass')?.trim();
  if (errorClass && errorClass.length <= ERROR_CLASS_MAX) filters.errorClass = errorClass;
  return filters;
}

const rawWindow = (params: URLSearchParams) => ({
  from: params.get('from'),
  to: params.get('to'),
  range: params.get('range'),
});

export function readDrillView(params: URLSearchParams): DrillView {
  const { window } = readWindowParams(rawWindow(params));
  const nav = decodeNav(params.get('nav'));
  // A navigator context only means something around an absolute, narrower page window.
  const keepNav = nav && window.kind === 'absolute' && !sameWindow(nav, window);
  return { window, ...(keepNav ? { nav } : {}), filters: readFilters(params) };
}

/** Why the address's window is not the one shown (too long, reversed, unreadable), if it is not. */
export function readWindowProblem(params: URLSearchParams): string | undefined {
  return readWindowParams(rawWindow(params)).problem;
}

/** Query-string pairs in a stable order, so equal views give equal URLs. */
export function drillParams(
  view: DrillView,
  extra: Record<string, string | undefined> = {},
): URLSearchParams {
  const params = new URLSearchParams(windowParams(view.window));
  if (view.nav) params.set('nav', encodeNav(view.nav));
  const { status, kind, errorClass } = view.filters;
  if (status) params.set('status', status);
  if (kind) params.set('kind', kind);
  if (errorClass) params.set('errorClass', errorClass);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  return params;
}

export function drillSearch(
  view: DrillView,
  extra: Record<string, string | undefined> = {},
): string {
  const search = drillParams(view, extra).toString();
  return search ? `?${search}` : '';
}

/**
 * The view after a chart zoom. The navigator keeps the outer window; zooming back out to (almost)
 * all of it returns to that outer window, live again if it was live.
 */
export function zoomView(view: DrillView, zoom: Bounds | null, now = Date.now()): DrillView {
  const outer = view.nav ?? view.window;
  if (zoom === null) return { ...view, window: outer, nav: undefined };
  const full = resolveWindow(outer, now);
  const slack = Math.max(60_000, (full.to - full.from) * 0.01);
  if (zoom.from <= full.from + slack && zoom.to >= full.to - slack)
    return { ...view, window: outer, nav: undefined };
  // Whole seconds keep shared links short; the request rounds to buckets anyway.
  const from = Math.floor(zoom.from / 1_000) * 1_000;
  const to = Math.ceil(zoom.to / 1_000) * 1_000;
  return { ...view, window: absolute(from, to), nav: outer };
}

/** A new window from the picker replaces any zoom. */
export function withWindow(view: DrillView, window: ViewWindow): DrillView {
  return { ...view, window, nav: undefined };
}

/** The current query string with a new window: other parameters (filters, toggles) are kept. */
export function replaceWindow(params: URLSearchParams, window: ViewWindow): string {
  const next = new URLSearchParams(params);
  for (const key of ['from', 'to', 'range', 'nav']) next.delete(key);
  const ordered = new URLSearchParams(windowParams(window));
  for (const [key, value] of next) ordered.append(key, value);
  return `?${ordered.toString()}`;
}

/**
 * `search` with the header's window (`from`, `to`, `range`) copied from `params`. Pages with
 * filters of their own (approvals, audit) replace the query string on every filter change; the
 * window is not one of their filters, but the links onwards keep it.
 */
export function keepWindowParams(
  search: URLSearchParams,
  params: URLSearchParams,
): URLSearchParams {
  for (const key of ['from', 'to', 'range'])
    if (params.has(key)) search.set(key, params.get(key) ?? '');
  return search;
}
