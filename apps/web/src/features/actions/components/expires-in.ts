/**
 * "expires in 27 min" for a proposed action, from the server's milliseconds-to-expiry (database
 * time, so a skewed browser clock cannot mislead). Whole minutes round down: an approver is never
 * told there is more time than there is.
 */
export function formatExpiresIn(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms <= 0) return 'expired';
  if (ms < 60_000) return `expires in ${Math.max(1, Math.floor(ms / 1_000))} s`;
  return `expires in ${Math.floor(ms / 60_000)} min`;
}
