/**
 * Number and time formatting for the screen. A missing figure is shown as an em dash, never as
 * 0: "no traffic" and "no errors" are different facts.
 */
import { utcClock, utcDateTime } from '@watchfloor/shared/utc-text';

export const MISSING = '—';

export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  if (ratio == null || !Number.isFinite(ratio)) return MISSING;
  const value = ratio * 100;
  // Availability lives near 100 %: rounding 99.996 % up to "100 %" would hide a breach.
  const factor = 10 ** digits;
  const shown =
    value < 100 && value > 100 - 1 / factor
      ? Math.floor(value * factor) / factor
      : Math.round(value * factor) / factor;
  return `${trimZeros(shown.toFixed(digits))} %`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return MISSING;
  if (ms < 1) return `${trimZeros(ms.toFixed(2))} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZeros((ms / 1_000).toFixed(ms < 10_000 ? 2 : 1))} s`;
  return `${trimZeros((ms / 60_000).toFixed(1))} min`;
}

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond == null || !Number.isFinite(perSecond)) return MISSING;
  if (perSecond >= 1_000) return `${trimZeros((perSecond / 1_000).toFixed(1))} k/s`;
  if (perSecond >= 10) return `${Math.round(perSecond)}/s`;
  return `${trimZeros(perSecond.toFixed(2))}/s`;
}

/**
 * Requests per second over a window, or the em dash when nothing was requested: a window without
 * traffic has no rate, and "0/s" would pass for a measured one.
 */
export function formatRequestRate(traffic: { requests: number; ratePerSecond: number }): string {
  return formatRate(traffic.requests > 0 ? traffic.ratePerSecond : null);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** A lag in words: "0 s", "45 s", "3 min 5 s", "2 h 10 min". */
export function formatLag(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.floor((s % 3_600) / 60);
  return `${Math.floor(s / 3_600)} h${minutes ? ` ${minutes} min` : ''}`;
}

/** Times are shown in UTC, dated unless on today's UTC date, as the server's quality reasons are. */
export function formatClock(ts: number, now = Date.now()): string {
  return utcClock(ts, now);
}

/** hh:mm:ss UTC: when a refresh happened or data went stale. */
export function formatClockSeconds(ts: number): string {
  return `${new Date(ts).toISOString().slice(11, 19)} UTC`;
}

export const formatDateTime = utcDateTime;

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Alternatives in words: "a", "a or b", "a, b or c". */
export function formatAlternatives(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
