import type { Queryable } from '../../db/pool.ts';
import { numberOrNull, type DbRow } from '../../db/row-values.ts';

/**
 * What the quality model reads about events accepted but not rolled up yet: the rollup worker's
 * pending marks (rollup_dirty), grouped by fleet, segment or entity. Rolled-up rows are read
 * through modules/rollups.
 */

/** Accepted events of one scope not rolled up yet, split at the open minute. */
export interface PendingOfScope {
  /** Distinct minutes before `openFrom` that are pending. */
  closedMinutes: number;
  /** Events those minutes stand for (as counted by ingest). */
  closedEvents: number;
  oldestClosed: number | null;
  newestClosed: number | null;
  /** Whether minutes at or after `openFrom` are pending too. */
  openPending: boolean;
  /** Oldest pending minute in the range, open or closed (the watermark). */
  oldestMinute: number | null;
  /** Arrival of the oldest pending mark in the range. */
  oldestArrival: number | null;
  /** Pending marks (entity-minutes, repeated per batch) in the range. */
  marks: number;
}

export type PendingGrouping = 'fleet' | 'segment' | 'entity';

const toPendingOfScope = (row: DbRow, openFrom: number): PendingOfScope => ({
  closedMinutes: Number(row.closed_minutes ?? 0),
  closedEvents: Number(row.closed_events ?? 0),
  oldestClosed: numberOrNull(row.oldest_closed),
  newestClosed: numberOrNull(row.newest_closed),
  openPending: (numberOrNull(row.newest_minute) ?? Number.NEGATIVE_INFINITY) >= openFrom,
  oldestMinute: numberOrNull(row.oldest_minute),
  oldestArrival: numberOrNull(row.oldest_arrival),
  marks: Number(row.marks ?? 0),
});

const GROUP_COLUMN: Record<PendingGrouping, string> = {
  fleet: '0',
  segment: 'e.segment_id',
  entity: 'd.entity_id',
};

/**
 * Pending marks in [fromTs, toTs) grouped by fleet (key 0), segment or entity, optionally limited
 * to some entities. Minutes from `openFrom` on count as open: the newest minutes may be partial.
 */
export async function pendingByScope(
  conn: Queryable,
  grouping: PendingGrouping,
  range: { fromTs: number; toTs: number; openFrom: number },
  entityIds?: readonly number[],
): Promise<Map<number, PendingOfScope>> {
  if (range.toTs <= range.fromTs || entityIds?.length === 0) return new Map();
  const { fromTs, toTs, openFrom } = range;
  const join = grouping === 'segment' ? 'JOIN entities e ON e.id = d.entity_id' : '';
  const [rows] = await conn.query(
    `SELECT ${GROUP_COLUMN[grouping]} AS scope_id,
            COUNT(DISTINCT CASE WHEN d.minute_ts < ? THEN d.minute_ts END) AS closed_minutes,
            SUM(CASE WHEN d.minute_ts < ? THEN d.events ELSE 0 END) AS closed_events,
            MIN(CASE WHEN d.minute_ts < ? THEN d.minute_ts END) AS oldest_closed,
            MAX(CASE WHEN d.minute_ts < ? THEN d.minute_ts END) AS newest_closed,
            MAX(d.minute_ts) AS newest_minute,
            MIN(d.minute_ts) AS oldest_minute,
            MIN(d.created_at) AS oldest_arrival,
            COUNT(*) AS marks
       FROM rollup_dirty d ${join}
      WHERE d.minute_ts >= ? AND d.minute_ts < ? ${entityIds ? 'AND d.entity_id IN (?)' : ''}
      GROUP BY 1`,
    [openFrom, openFrom, openFrom, openFrom, fromTs, toTs, ...(entityIds ? [[...entityIds]] : [])],
  );
  return new Map(
    (rows as DbRow[]).map((row) => [Number(row.scope_id), toPendingOfScope(row, openFrom)]),
  );
}

/** Minutes with pending marks in [fromTs, toTs) per scope: they hold events, only not rolled up yet. */
export async function pendingMinutesByScope(
  conn: Queryable,
  grouping: PendingGrouping,
  fromTs: number,
  toTs: number,
  entityIds?: readonly number[],
): Promise<Map<number, Set<number>>> {
  if (toTs <= fromTs || entityIds?.length === 0) return new Map();
  const join = grouping === 'segment' ? 'JOIN entities e ON e.id = d.entity_id' : '';
  const [rows] = await conn.query(
    `SELECT DISTINCT ${GROUP_COLUMN[grouping]} AS scope_id, d.minute_ts FROM rollup_dirty d ${join}
      WHERE d.minute_ts >= ? AND d.minute_ts < ? ${entityIds ? 'AND d.entity_id IN (?)' : ''}`,
    [fromTs, toTs, ...(entityIds ? [[...entityIds]] : [])],
  );
  const result = new Map<number, Set<number>>();
  for (const row of rows as DbRow[]) {
    const scopeId = Number(row.scope_id);
    let minutes = result.get(scopeId);
    if (!minutes) result.set(scopeId, (minutes = new Set()));
    minutes.add(Number(row.minute_ts));
  }
  return result;
}

/** The latest pending minute per entity in [fromTs, toTs): accepted events are signal even before rollup. */
export async function latestPendingMinute(
  conn: Queryable,
  entityIds: readonly number[],
  fromTs: number,
  toTs: number,
): Promise<Map<number, number>> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT entity_id, MAX(minute_ts) AS latest FROM rollup_dirty WHERE entity_id IN (?) AND minute_ts >= ? AND minute_ts < ? GROUP BY entity_id',
    [[...entityIds], fromTs, toTs],
  );
  return new Map((rows as DbRow[]).map((row) => [Number(row.entity_id), Number(row.latest)]));
}
