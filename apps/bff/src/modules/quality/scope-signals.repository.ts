import type { Queryable } from '../../db/pool.ts';
import type { ScopeKind } from '../rollups/rollup-aggregate.ts';

/**
 * What the quality model reads about one kind of scope (fleet, segments, entities): pending marks,
 * minutes with events, first data and cadence. Rollups and bookkeeping tables only, never raw events.
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

/** Numbers as the driver may return them: aggregates of BIGINT columns can come back as strings. */
type DbNumber = number | string;

const nullableNumber = (value: DbNumber | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

interface PendingDbRow {
  scope_id: DbNumber;
  closed_minutes: DbNumber | null;
  closed_events: DbNumber | null;
  oldest_closed: DbNumber | null;
  newest_closed: DbNumber | null;
  newest_minute: DbNumber | null;
  oldest_minute: DbNumber | null;
  oldest_arrival: DbNumber | null;
  marks: DbNumber | null;
}

const toPendingOfScope = (row: PendingDbRow, openFrom: number): PendingOfScope => ({
  closedMinutes: Number(row.closed_minutes ?? 0),
  closedEvents: Number(row.closed_events ?? 0),
  oldestClosed: nullableNumber(row.oldest_closed),
  newestClosed: nullableNumber(row.newest_closed),
  openPending: (nullableNumber(row.newest_minute) ?? Number.NEGATIVE_INFINITY) >= openFrom,
  oldestMinute: nullableNumber(row.oldest_minute),
  oldestArrival: nullableNumber(row.oldest_arrival),
  marks: Number(row.marks ?? 0),
});

/** One scope's figure at one instant (a minute, a first or last event). */
interface ScopeTs {
  scopeId: number;
  ts: number;
}

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
    (rows as PendingDbRow[]).map((row) => [Number(row.scope_id), toPendingOfScope(row, openFrom)]),
  );
}

interface PendingMinuteDbRow {
  scope_id: DbNumber;
  minute_ts: DbNumber;
}

const toPendingMinute = (row: PendingMinuteDbRow): ScopeTs => ({
  scopeId: Number(row.scope_id),
  ts: Number(row.minute_ts),
});

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
  for (const { scopeId, ts } of (rows as PendingMinuteDbRow[]).map(toPendingMinute)) {
    let minutes = result.get(scopeId);
    if (!minutes) result.set(scopeId, (minutes = new Set()));
    minutes.add(ts);
  }
  return result;
}

/** How many minutes of a range have events, and the fewest and most events in one. */
export interface MinuteCoverage {
  minutes: number;
  least: number;
  most: number;
}

interface CoverageDbRow {
  scope_id: DbNumber;
  minutes: DbNumber;
  least: DbNumber;
  most: DbNumber;
}

const toCoverage = (row: CoverageDbRow): MinuteCoverage => ({
  minutes: Number(row.minutes),
  least: Number(row.least),
  most: Number(row.most),
});

/** Per scope, how many minutes of [fromTs, toTs) have events and the fewest and most events in one. */
export async function minuteCoverage(
  conn: Queryable,
  kind: ScopeKind,
  scopeIds: readonly number[],
  fromTs: number,
  toTs: number,
): Promise<Map<number, MinuteCoverage>> {
  if (scopeIds.length === 0 || toTs <= fromTs) return new Map();
  const [rows] = await conn.query(
    `SELECT scope_id, COUNT(*) AS minutes, MIN(events) AS least, MAX(events) AS most FROM rollups_1m
      WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND events > 0 GROUP BY scope_id`,
    [kind, [...scopeIds], fromTs, toTs],
  );
  return new Map((rows as CoverageDbRow[]).map((row) => [Number(row.scope_id), toCoverage(row)]));
}

type MinuteCountDbRow = [scopeId: DbNumber, bucketTs: DbNumber, events: DbNumber];

/** Events per minute of [fromTs, toTs) per scope; minutes without events are absent. */
export async function minuteCounts(
  conn: Queryable,
  kind: ScopeKind,
  scopeIds: readonly number[],
  fromTs: number,
  toTs: number,
): Promise<Map<number, Map<number, number>>> {
  if (scopeIds.length === 0 || toTs <= fromTs) return new Map();
  const [rows] = await conn.query(
    {
      sql: 'SELECT scope_id, bucket_ts, events FROM rollups_1m WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND events > 0',
      rowsAsArray: true,
    },
    [kind, [...scopeIds], fromTs, toTs],
  );
  const result = new Map<number, Map<number, number>>();
  // Parsed in place, without an object per row: there is a row per minute per scope.
  for (const [scopeId, bucketTs, events] of rows as MinuteCountDbRow[]) {
    let minutes = result.get(Number(scopeId));
    if (!minutes) result.set(Number(scopeId), (minutes = new Map()));
    minutes.set(Number(bucketTs), Number(events));
  }
  return result;
}

interface FirstTsDbRow {
  scope_id: DbNumber;
  first_ts: DbNumber;
}

const toFirstTs = (row: FirstTsDbRow): ScopeTs => ({
  scopeId: Number(row.scope_id),
  ts: Number(row.first_ts),
});

/**
 * The first minute with rolled-up data per scope: the first day row (small rows, one index dive per
 * scope), refined to its minute only for scopes whose first day reaches past `refineBefore` (only
 * there can the minute matter to a window), in one more statement.
 */
export async function firstDataMinute(
  conn: Queryable,
  kind: ScopeKind,
  scopeIds: readonly number[],
  refineBefore: number,
): Promise<Map<number, number>> {
  if (scopeIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT scope_id, MIN(bucket_ts) AS first_ts FROM rollups_1d WHERE scope_kind = ? AND scope_id IN (?) GROUP BY scope_id',
    [kind, [...scopeIds]],
  );
  const first = new Map(
    (rows as FirstTsDbRow[]).map(toFirstTs).map(({ scopeId, ts }) => [scopeId, ts]),
  );
  await refineFirst(conn, kind, first, refineBefore);
  return first;
}

/** Replaces each first day that may matter with the first minute inside it. */
async function refineFirst(
  conn: Queryable,
  kind: ScopeKind,
  first: Map<number, number>,
  refineBefore: number,
): Promise<void> {
  const coarseMs = 86_400_000;
  const open = [...first].filter(([, ts]) => ts + coarseMs > refineBefore);
  if (open.length === 0) return;
  const fromTs = Math.min(...open.map(([, ts]) => ts));
  const toTs = Math.max(...open.map(([, ts]) => ts)) + coarseMs;
  const [rows] = await conn.query(
    'SELECT scope_id, MIN(bucket_ts) AS first_ts FROM rollups_1m WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? GROUP BY scope_id',
    [kind, open.map(([id]) => id), fromTs, toTs],
  );
  for (const { scopeId, ts } of (rows as FirstTsDbRow[]).map(toFirstTs)) {
    const coarse = first.get(scopeId)!;
    // Only a minute inside the scope's own first day refines it.
    if (ts >= coarse && ts < coarse + coarseMs) first.set(scopeId, ts);
  }
}

/** One hour row of an entity, reduced to what silence needs: when it last sent and how often. */
export interface EntityHour {
  entityId: number;
  hourTs: number;
  lastTs: number;
  /** Minutes of the hour with events (from the hour's minute strip); null when the row has no strip. */
  activeMinutes: number | null;
  /** Offset of the hour's first minute with events (0–59); null without a strip. */
  firstMinute: number | null;
}

type EntityHourDbRow = [
  entityId: DbNumber,
  hourTs: DbNumber,
  lastTs: DbNumber,
  activeMinutes: DbNumber | null,
  firstMinute: string | null,
];

const toEntityHour = ([entityId, hourTs, lastTs, active, first]: EntityHourDbRow): EntityHour => ({
  entityId: Number(entityId),
  hourTs: Number(hourTs),
  lastTs: Number(lastTs),
  activeMinutes: active === null ? null : Number(active),
  firstMinute: first === null ? null : Number(first),
});

/** Entity hour rows in [fromTs, toTs), without their strips' contents: counted by the database. */
export async function entityHours(
  conn: Queryable,
  entityIds: readonly number[],
  fromTs: number,
  toTs: number,
): Promise<EntityHour[]> {
  if (entityIds.length === 0) return [];
  const [rows] = await conn.query(
    {
      sql: `SELECT scope_id, bucket_ts, last_ts,
                   CASE WHEN minute_points IS NULL OR minute_points = '' THEN NULL ELSE LENGTH(minute_points) - LENGTH(REPLACE(minute_points, ';', '')) + 1 END,
                   CASE WHEN minute_points IS NULL OR minute_points = '' THEN NULL ELSE SUBSTRING_INDEX(minute_points, ':', 1) END
              FROM rollups_1h WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND events > 0`,
      rowsAsArray: true,
    },
    [[...entityIds], fromTs, toTs],
  );
  return (rows as EntityHourDbRow[]).map(toEntityHour);
}

interface LastTsDbRow {
  scope_id: DbNumber;
  last_ts: DbNumber;
}

const toLastTs = (row: LastTsDbRow): ScopeTs => ({
  scopeId: Number(row.scope_id),
  ts: Number(row.last_ts),
});

/** The latest minute with events before `beforeTs` per entity, among minutes from `fromTs`. */
export async function latestMinuteBefore(
  conn: Queryable,
  entityIds: readonly number[],
  fromTs: number,
  beforeTs: number,
): Promise<Map<number, number>> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT scope_id, MAX(last_ts) AS last_ts FROM rollups_1m WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND events > 0 GROUP BY scope_id',
    [[...entityIds], fromTs, beforeTs],
  );
  return new Map(
    (rows as LastTsDbRow[])
      .map(toLastTs)
      .map(({ scopeId, ts }) => [scopeId, Math.min(ts, beforeTs - 1)]),
  );
}

const toEntityId = (row: { id: DbNumber }): number => Number(row.id);

/** Entities with any rolled-up or pending minute in [fromTs, toTs): the ones heard from recently. */
export async function entitiesHeard(
  conn: Queryable,
  entityIds: readonly number[],
  fromTs: number,
  toTs: number,
): Promise<Set<number>> {
  if (entityIds.length === 0) return new Set();
  const [rows] = await conn.query(
    `SELECT scope_id AS id FROM rollups_1m WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? AND events > 0
     UNION
     SELECT entity_id AS id FROM rollup_dirty WHERE minute_ts >= ? AND minute_ts < ? AND entity_id IN (?)`,
    [[...entityIds], fromTs, toTs, fromTs, toTs, [...entityIds]],
  );
  return new Set((rows as { id: DbNumber }[]).map(toEntityId));
}

interface LatestPendingDbRow {
  entity_id: DbNumber;
  latest: DbNumber;
}

const toLatestPending = (row: LatestPendingDbRow): ScopeTs => ({
  scopeId: Number(row.entity_id),
  ts: Number(row.latest),
});

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
  return new Map(
    (rows as LatestPendingDbRow[]).map(toLatestPending).map(({ scopeId, ts }) => [scopeId, ts]),
  );
}

/** Latest event time per entity from its day rollups: last-seen for entities quiet in the window. */
export async function lastSeenByEntity(
  conn: Queryable,
  entityIds: readonly number[],
  beforeTs: number,
): Promise<Map<number, number>> {
  if (entityIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT scope_id, MAX(last_ts) AS last_ts FROM rollups_1d WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts < ? GROUP BY scope_id',
    [[...entityIds], beforeTs],
  );
  return new Map(
    (rows as LastTsDbRow[])
      .map(toLastTs)
      .map(({ scopeId, ts }) => [scopeId, Math.min(ts, beforeTs)]),
  );
}
