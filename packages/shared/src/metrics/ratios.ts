/** Share of traffic (requests and jobs) that failed; null when there was no traffic. */
export function errorRatio(errors: number, requests: number): number | null {
  return requests > 0 ? errors / requests : null;
}

/**
 * Availability is the share of traffic that succeeded. A window without traffic has no
 * availability (null), not 100 %: silence is reported separately, never as health.
 */
export function availability(errors: number, requests: number): number | null {
  return requests > 0 ? 1 - errors / requests : null;
}
