import { QueryInstantSchema } from '@watchfloor/shared/time-window';
import { formatDateTime } from './format.ts';

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
 * A window as the URL carries it: relative ("the last 6 h", live) or absolute (fixed bounds, so a
 * copied link of a zoomed or custom view shows exactly the same data).
 */
export type ViewWindow =
  { kind: 'relative'; range: RangeKey } | { kind: 'absolute'; from: number; to: number };

export interface Bounds {
  from: number;
  to: number;
}

export const relative = (range: RangeKey): ViewWindow => ({ kind: 'relative', range });
export const absolute = (from: number, to: number): ViewWindow => ({ kind: 'absolute', from, to });

export function rangeMs(range: RangeKey): number {
  return RANGE_PRESETS.find((preset) => preset.key === range)?.ms ?? 6 * HOUR;
}

export function isRangeKey(value: string | null | undefined): value is RangeKey {
  return RANGE_PRESETS.some((preset) => preset.key === value);
}

export const isLive = (window: ViewWindow): boolean => window.kind === 'relative';

function readInstant(value: string | null): number | undefined {
  if (value === null) return undefined;
  const parsed = QueryInstantSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Absolute bounds win over a range; anything unreadable falls back to the default, never guessed. */
export function readWindow(raw: {
  from: string | null;
  to: string | null;
  range: string | null;
}): ViewWindow {
  const from = readInstant(raw.from);
  const to = readInstant(raw.to);
  if (from !== undefined && to !== undefined && to > from) return absolute(from, to);
  return relative(isRangeKey(raw.range) ? raw.range : DEFAULT_RANGE);
}

/** ISO without milliseconds when they are zero: readable in a shared link, exact when parsed back. */
export function formatInstant(ts: number): string {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

export function windowParams(window: ViewWindow): Record<string, string> {
  return window.kind === 'relative'
    ? { range: window.range }
    : { from: formatInstant(window.from), to: formatInstant(window.to) };
}

/** The `nav` parameter: the outer window a zoomed chart's navigator keeps showing. */
export function encodeNav(window: ViewWindow): string {
  return window.kind === 'relative'
    ? window.range
    : `${formatInstant(window.from)}~${formatInstant(window.to)}`;
}

export function decodeNav(value: string | null): ViewWindow | undefined {
  if (value === null) return undefined;
  if (isRangeKey(value)) return relative(value);
  const [from, to] = value.split('~');
  const window = readWindow({ from: from ?? null, to: to ?? null, range: null });
  return window.kind === 'absolute' ? window : undefined;
}

export function resolveWindow(window: ViewWindow, now = Date.now()): Bounds {
  return window.kind === 'absolute'
    ? { from: window.from, to: window.to }
    : { from: now - rangeMs(window.range), to: now };
}

/**
 * What a request sends. A relative window sends only `from`, so the server's clock decides "now"
 * and the answer's own window is the one drawn.
 */
export function windowRequest(window: ViewWindow, now = Date.now()): { from: number; to?: number } {
  return window.kind === 'absolute'
    ? { from: window.from, to: window.to }
    : { from: now - rangeMs(window.range) };
}

/** The part of a query key that names the window: a live window keeps one key while it slides. */
export function windowKey(window: ViewWindow): { range: RangeKey } | Bounds {
  return window.kind === 'relative'
    ? { range: window.range }
    : { from: window.from, to: window.to };
}

export function sameWindow(a: ViewWindow | undefined, b: ViewWindow | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'relative' || b.kind === 'relative')
    return (
      a.kind === b.kind && a.kind === 'relative' && b.kind === 'relative' && a.range === b.range
    );
  return a.from === b.from && a.to === b.to;
}

export function describeWindow(window: ViewWindow): string {
  if (window.kind === 'relative')
    return `Last ${RANGE_PRESETS.find((p) => p.key === window.range)?.label ?? window.range}`;
  return `${formatDateTime(window.from)} – ${formatDateTime(window.to)}`;
}
