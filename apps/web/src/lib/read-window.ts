import { MAX_WINDOW_MS, QueryInstantSchema } from '@watchfloor/shared/time-window';
import { parseAgo, parseSpan, spanHint } from '@watchfloor/shared/time-expression';
import {
  DEFAULT_RANGE,
  absolute,
  describeWindow,
  isRangeKey,
  relative,
  relativeAgo,
  type ViewWindow,
} from './time-window.ts';

const DAY = 86_400_000;

/** The window parameters as the address carries them, unread. */
export interface RawWindow {
  from: string | null;
  to: string | null;
  range: string | null;
}

/**
 * A window read from an address, and, when the address asked for one it cannot have, what was
 * wrong in words: the page shows the fallback and says so, it never silently swaps the window.
 */
export interface WindowReading {
  window: ViewWindow;
  problem?: string;
}

type Instant = { at: number } | { ago: number };

/** `now`, `now-3h`, epoch milliseconds or ISO 8601; null when it is none of them. */
export function readInstant(text: string): Instant | null {
  const ago = parseAgo(text);
  if (ago !== null) return { ago };
  const parsed = QueryInstantSchema.safeParse(text.trim());
  return parsed.success ? { at: parsed.data } : null;
}

const quote = (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
/** ` (why)` after "is not a time" when the text is a length written in a unit we do not take. */
const hinted = (text: string) => {
  const hint = spanHint(text);
  return hint === null ? '' : ` (${hint})`;
};
const days = (ms: number) => `${Math.round((ms / DAY) * 10) / 10} days`;
/** The longest window in words: "400 days". */
export const MAX_WINDOW_DAYS = days(MAX_WINDOW_MS);
const MAX_WINDOW_TEXT = `a window can span at most ${MAX_WINDOW_DAYS}`;

/** Why two read bounds are not a window (`reversed`, `too-long`), or null when they are one. */
export function checkBounds(from: number, to: number): 'reversed' | 'too-long' | null {
  if (to <= from) return 'reversed';
  if (to - from > MAX_WINDOW_MS) return 'too-long';
  return null;
}

/** What is wrong with a window of these bounds, in words; null when nothing is. */
export function boundsProblem(
  from: number,
  to: number,
  texts: { from: string; to: string },
): string | null {
  const issue = checkBounds(from, to);
  if (issue === 'reversed')
    return `its end ${quote(texts.to)} is not after its start ${quote(texts.from)}`;
  if (issue === 'too-long') return `it asks for ${days(to - from)}; ${MAX_WINDOW_TEXT}`;
  return null;
}

function readBounds(raw: RawWindow): ViewWindow | string {
  if (raw.from === null) return `it gives an end ${quote(raw.to ?? '')} but no start`;
  const from = readInstant(raw.from);
  if (from === null) return `its start ${quote(raw.from)} is not a time${hinted(raw.from)}`;
  // A relative start alone ends now, as the server's own `from` alone does; a date alone has no end.
  if (raw.to === null && 'at' in from) return 'it gives a start but no end';
  const to = raw.to === null ? { ago: 0 } : readInstant(raw.to);
  if (to === null) return `its end ${quote(raw.to ?? '')} is not a time${hinted(raw.to ?? '')}`;
  const texts = { from: raw.from, to: raw.to ?? 'now' };
  if ('ago' in from && 'ago' in to)
    return boundsProblem(-from.ago, -to.ago, texts) ?? relativeAgo(from.ago, to.ago);
  if ('at' in from && 'at' in to)
    return boundsProblem(from.at, to.at, texts) ?? absolute(from.at, to.at);
  return 'it mixes a relative bound (now-…) with a date; use now-… for both or dates for both';
}

function readRange(range: string): ViewWindow | string {
  if (isRangeKey(range)) return relative(range);
  const length = parseSpan(range);
  if (length === null)
    return `its range ${quote(range)} is not a length such as 6h, 90m or 2d${hinted(range)}`;
  return boundsProblem(-length, 0, { from: range, to: 'now' }) ?? relativeAgo(length);
}

/**
 * The window of an address: `from`/`to` (dates, epoch ms or `now-…`) win over `range` (a preset
 * or any length); nothing at all is the default. Anything it cannot show falls back to the
 * address's own range when that is readable, else the default, with the reason.
 */
export function readWindowParams(raw: RawWindow): WindowReading {
  const ranged = raw.range === null ? null : readRange(raw.range);
  const fallback = typeof ranged === 'object' && ranged !== null ? ranged : relative(DEFAULT_RANGE);
  const asked = raw.from === null && raw.to === null ? ranged : readBounds(raw);
  if (asked === null) return { window: fallback };
  if (typeof asked !== 'string') return { window: asked };
  const showing = describeWindow(fallback).replace(/^Last/, 'the last');
  return {
    window: fallback,
    problem: `The address’s time window cannot be shown: ${asked}. Showing ${showing} instead.`,
  };
}

/** The `nav` parameter (see encodeNav): a preset key or `from~to`; undefined when unreadable. */
export function decodeNav(value: string | null): ViewWindow | undefined {
  if (value === null) return undefined;
  if (isRangeKey(value)) return relative(value);
  const [from, to] = value.split('~');
  if (from === undefined || to === undefined) return undefined;
  const reading = readWindowParams({ from, to, range: null });
  return reading.problem ? undefined : reading.window;
}
