import { formatDateTime } from './format.ts';
import { formatAgo, formatSpan } from '@watchfloor/shared/time-expression';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The header's presets. Each one is a window of that length ending now, refreshed live. */
export const RANGE_PRESETS = [
  { key: '15m', label: '15 m', ms: 15 * MINUTE },
  { key: '1h', label: '1 h', ms: HOUR },
  { key: '6h', label: '6 h', ms: 6 * HOUR },
  { key: '24h', label: '24 h', ms: DAY },
  { key: '7d', label: '7 d', ms: 7 * DAY },
  { key: '30d', label: '30 d', ms: 30 * DAY },
] as const;

export type RangeKey = (typeof RANGE_PRESETS)[number]['key'];

/** The server's own default window, so an address without a window means what the API means. */
export const DEFAULT_RANGE: RangeKey = '6h';

/**
 * A window as the URL carries it: relative (`now-3h` to `now`, or `now-1h` to `now-30m`: it
 * slides with now and stays live) or absolute (fixed bounds, so a copied link of a zoomed or
 * custom view shows exactly the same data). A relative window holds how long before now each
 * bound lies.
 */
export type ViewWindow =
  | { kind: 'relative'; fromAgo: number; toAgo: number }
  | { kind: 'absolute'; from: number; to: number };

export interface Bounds {
  from: number;
  to: number;
}

export const relativeAgo = (fromAgo: number, toAgo = 0): ViewWindow => ({
  kind: 'relative',
  fromAgo,
  toAgo,
});
export const relative = (range: RangeKey): ViewWindow => relativeAgo(rangeMs(range));
export const absolute = (from: number, to: number): ViewWindow => ({ kind: 'absolute', from, to });

export function rangeMs(range: RangeKey): number {
  return RANGE_PRESETS.find((preset) => preset.key === range)?.ms ?? 6 * HOUR;
}

export function isRangeKey(value: string | null | undefined): value is RangeKey {
  return RANGE_PRESETS.some((preset) => preset.key === value);
}

/** The preset a window is, if any: a relative window of a preset's length ending now. */
export function presetOf(window: ViewWindow): (typeof RANGE_PRESETS)[number] | undefined {
  if (window.kind !== 'relative' || window.toAgo !== 0) return undefined;
  return RANGE_PRESETS.find((preset) => preset.ms === window.fromAgo);
}

export const isLive = (window: ViewWindow): boolean => window.kind === 'relative';

export const windowLength = (window: ViewWindow): number =>
  window.kind === 'relative' ? window.fromAgo - window.toAgo : window.to - window.from;

/** ISO without milliseconds when they are zero: readable in a shared link, exact when parsed back. */
export function formatInstant(ts: number): string {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** A preset keeps its short `range=6h`; any other relative window is written as `now-…`. */
export function windowParams(window: ViewWindow): Record<string, string> {
  if (window.kind === 'absolute')
    return { from: formatInstant(window.from), to: formatInstant(window.to) };
  const preset = presetOf(window);
  return preset
    ? { range: preset.key }
    : { from: formatAgo(window.fromAgo), to: formatAgo(window.toAgo) };
}

/** The `nav` parameter: the outer window a zoomed chart's navigator keeps showing. */
export function encodeNav(window: ViewWindow): string {
  const preset = presetOf(window);
  if (preset) return preset.key;
  const { from, to } = windowParams(window);
  return `${from}~${to}`;
}

export function resolveWindow(window: ViewWindow, now = Date.now()): Bounds {
  return window.kind === 'absolute'
    ? { from: window.from, to: window.to }
    : { from: now - window.fromAgo, to: now - window.toAgo };
}

/**
 * What a request sends. A window ending now sends only `from`, so the server's clock decides
 * "now" and the answer's own window is the one drawn.
 */
export function windowRequest(window: ViewWindow, now = Date.now()): { from: number; to?: number } {
  if (window.kind === 'absolute') return { from: window.from, to: window.to };
  return window.toAgo === 0
    ? { from: now - window.fromAgo }
    : { from: now - window.fromAgo, to: now - window.toAgo };
}

/** The part of a query key that names the window: a live window keeps one key while it slides. */
export function windowKey(window: ViewWindow): { range: string } | Bounds {
  return window.kind === 'relative'
    ? { range: encodeNav(window) }
    : { from: window.from, to: window.to };
}

export function sameWindow(a: ViewWindow | undefined, b: ViewWindow | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'relative' && b.kind === 'relative')
    return a.fromAgo === b.fromAgo && a.toAgo === b.toAgo;
  if (a.kind === 'absolute' && b.kind === 'absolute') return a.from === b.from && a.to === b.to;
  return false;
}

export function describeWindow(window: ViewWindow): string {
  if (window.kind === 'absolute')
    return `${formatDateTime(window.from)} – ${formatDateTime(window.to)}`;
  const preset = presetOf(window);
  if (preset) return `Last ${preset.label}`;
  if (window.toAgo === 0) return `Last ${formatSpan(window.fromAgo)}`;
  return `${formatSpan(window.fromAgo)} ago – ${formatSpan(window.toAgo)} ago`;
}
