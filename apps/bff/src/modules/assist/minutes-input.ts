import type { AssistWindow } from '@watchfloor/shared/assist';
import type { Queryable } from '../../db/pool.ts';
import type { ScopeKind } from '../rollups/rollup-aggregate.ts';
import { minuteFigures } from './assist.repository.ts';
import type { Minute } from './rules/inputs.ts';

/** Onset is judged minute by minute only for windows up to this long. */
export const MINUTES_MAX_WINDOW_MS = 7 * 86_400_000;
const MINUTE = 60_000;

/**
 * The scope's minutes in the window, oldest first: counts and latency sums from the minute rows
 * (onset judges error ratio and mean latency per minute). Empty for windows longer than seven
 * days.
 */
export async function readMinutes(
  conn: Queryable,
  scope: { kind: ScopeKind; id: number },
  window: AssistWindow,
): Promise<Minute[]> {
  if (window.to - window.from > MINUTES_MAX_WINDOW_MS) return [];
  // Every minute overlapping the window counts, as in the window's totals (tileWindow).
  const from = Math.floor(window.from / MINUTE) * MINUTE;
  return minuteFigures(conn, scope.kind, scope.id, from, window.to);
}
