import type { QualityReason } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { DEMO_HISTORY, type BackfillState } from './backfill.repository.ts';

const minuteText = (ts: number) =>
  `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * A window reaching into history that is still being back-filled must not look complete: its
 * older minutes are missing only because they have not been written yet. Degraded, with the point
 * the back-fill has reached, for every scope; gone once the back-fill passes the window's start.
 */
export function backfillReason(
  backfills: readonly BackfillState[],
  window: TimeWindow,
): { reason: QualityReason; unfilledMinutes: number } | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let reached = Number.NEGATIVE_INFINITY;
  let name = DEMO_HISTORY;
  for (const backfill of backfills) {
    const missingFrom = Math.max(window.from, backfill.historyFrom);
    const missingTo = Math.min(window.to, backfill.filledFrom);
    if (missingTo <= missingFrom) continue;
    from = Math.min(from, missingFrom);
    to = Math.max(to, missingTo);
    if (backfill.filledFrom > reached) {
      reached = backfill.filledFrom;
      name = backfill.name;
    }
  }
  if (to <= from) return null;
  const what = name === DEMO_HISTORY ? 'Demo history' : 'History';
  return {
    reason: {
      code: 'backfill',
      severity: 'degraded',
      message: `${what} still loading (back-filled to ${minuteText(reached)}): this window's data before then is not written yet.`,
      from,
      to,
    },
    unfilledMinutes: Math.ceil((to - from) / 60_000),
  };
}
