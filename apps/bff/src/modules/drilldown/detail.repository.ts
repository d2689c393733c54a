import type { Queryable } from '../../db/pool.ts';
import { lastSeenByEntity } from '../rollups/scope-activity.repository.ts';

/**
 * When each entity was last seen as of the window's end: its last event in the window when it has
 * one (the window's totals already hold it), else the day rollups' latest before the window's end
 * (read only for the entities quiet in the window).
 */
export async function lastSeenAt(
  conn: Queryable,
  entityIds: number[],
  windowTotals: ReadonlyMap<number, { lastTs: number }>,
  windowEnd: number,
): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  for (const id of entityIds) {
    const lastTs = windowTotals.get(id)?.lastTs ?? 0;
    if (lastTs > 0) seen.set(id, lastTs);
  }
  const quiet = entityIds.filter((id) => !seen.has(id));
  for (const [id, ts] of await lastSeenByEntity(conn, quiet, windowEnd + 1))
    if (ts > 0) seen.set(id, ts);
  return seen;
}
