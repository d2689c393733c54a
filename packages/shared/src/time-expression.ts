const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: Record<string, number> = { m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** Longest a length may be written with (a thousand years): past it the text is a typo, not a time. */
const LONGEST_MS = 1_000 * 365 * DAY;

/**
 * A length such as `90m`, `3h`, `2d` or `1w`, in milliseconds; null when the text is none. A length
 * of zero is not a window, so it is refused too. `M` is a month where Grafana is spoken, so only a
 * lower-case `m` means minutes: `6M` must never quietly become six minutes.
 */
export function parseSpan(text: string): number | null {
  const match = /^(\d{1,6})\s*([mhdwHDW])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * (UNITS[match[2]!.toLowerCase()] ?? 0);
  return ms > 0 && ms <= LONGEST_MS ? ms : null;
}

/**
 * How long before now a relative instant lies: `now` is 0, `now-3h` three hours. Null when the
 * text is not such an expression (a date, say), so callers can try the other readings.
 */
export function parseAgo(text: string): number | null {
  const match = /^now(?:\s*-\s*(.+))?$/i.exec(text.trim());
  if (!match) return null;
  if (match[1] === undefined) return 0;
  return parseSpan(match[1]);
}

/**
 * Why a length a Grafana user would write is not one here, in words; null for any other text.
 * Months and years vary in length and a window of seconds is finer than the rollups.
 */
export function spanHint(text: string): string | null {
  const unit = /\d\s*([a-zA-Z]+)$/.exec(text.trim())?.[1];
  if (unit === 'M' || unit === 'y' || unit === 'Y')
    return 'months and years vary in length: write days, such as 30d';
  if (unit === 's' || unit === 'S')
    return 'the finest window is a minute: write minutes, such as 5m';
  return null;
}

/** `3h`, `90m`, `2d`: the largest unit that writes the length exactly, so links stay short. */
export function formatSpanCode(ms: number): string {
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / MINUTE)}m`;
}

/** The expression for an instant `ms` before now, as the address and the form write it. */
export function formatAgo(ms: number): string {
  return ms === 0 ? 'now' : `now-${formatSpanCode(ms)}`;
}

/** A length for people, in the header's own style: `15 m`, `3 h`, `2 d`. */
export function formatSpan(ms: number): string {
  const code = formatSpanCode(ms);
  return `${code.slice(0, -1)} ${code.slice(-1)}`;
}
