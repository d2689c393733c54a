/** `YYYY-MM-DD hh:mm UTC`. */
export function utcDateTime(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * `hh:mm UTC` for a time on the same UTC day as `now`, and with its date otherwise: a time in a
 * past window, or from backdated data, must never read as today's. The BFF's quality reasons and
 * the SPA's own times say it alike.
 */
export function utcClock(ts: number, now: number): string {
  const sameDay =
    new Date(ts).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return sameDay ? `${new Date(ts).toISOString().slice(11, 16)} UTC` : utcDateTime(ts);
}
