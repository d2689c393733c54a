import type { Queryable } from '../../db/pool.ts';

/**
 * Registry and pipeline reads for the drill-down levels (overview, segment, entity); the rollup
 * reads themselves are in modules/rollups/. Raw events are read only by the raw-events level.
 */

export interface EntityCounts {
  total: number;
  /** Entities expected to send data; drained or quarantined ones may fall silent on purpose. */
  active: number;
}

/**
 * Latest minute per segment with events that arrived but are not rolled up yet, in [fromTs, toTs).
 * Such minutes are signal: a segment must not look silent only because the worker is behind.
 */
export async function latestPendingMinuteBySegment(
  conn: Queryable,
  fromTs: number,
  toTs: number,
): Promise<Map<number, number>> {
  if (toTs <= fromTs) return new Map();
  const [rows] = await conn.query(
    `SELECT e.segment_id, MAX(d.minute_ts) AS latest
       FROM rollup_dirty d JOIN entities e ON e.id = d.entity_id
      WHERE d.minute_ts >= ? AND d.minute_ts < ?
      GROUP BY e.segment_id`,
    [fromTs, toTs],
  );
  return new Map(
    (rows as { segment_id: number; latest: number }[]).map((row) => [
      Number(row.segment_id),
      Number(row.latest),
    ]),
  );
}
