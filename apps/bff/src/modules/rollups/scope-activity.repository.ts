import type { Queryable } from '../../db/pool.ts';
import { numberOrNull, type DbRow } from '../../db/row-values.ts';
import type { ScopeKind } from './rollup-aggregate.ts';

/**
 * When scopes had events, as their rollups say: minutes with events, first data, hour rows and
 * latest minutes. What the quality model and silence judge a scope by; they read pending marks
 * themselves.
 */

/** A row's scope id and one of its figures, for maps keyed by scope. */
const scopeFigure = (row: DbRow, figure: string): [scopeId: number, value: number] => [
  Number(row.scope_id),
  Number(row[figure]),
];

/** How many minutes of a range have events, and the fewest and most events in one. */
export interface MinuteCoverage {
  minutes: number;
  least: number;
  most: number;
}

const toCoverage = (row: DbRow): MinuteCoverage => ({
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
  return new Map((rows as DbRow[]).map((row) => [Number(row.scope_id), toCoverage(row)]));
}

/** Events per minute of [fromTs, toTs) per scope; minutes without events are absent. */
export async function eventsPerMinute(
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
  for (const [scopeId, bucketTs, events] of rows as unknown[][]) {
    let minutes = result.get(Number(scopeId));
    if (!minutes) result.set(Number(scopeId), (minutes = new Map()));
    minutes.set(Number(bucketTs), Number(events));
  }
  return result;
}

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
  const first = new Map((rows as DbRow[]).map((row) => scopeFigure(row, 'first_ts')));
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
  for (const [scopeId, ts] of (rows as DbRow[]).map((row) => scopeFigure(row, 'first_ts'))) {
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

const toEntityHour = ([entityId, hourTs, lastTs, active, first]: unknown[]): EntityHour => ({
  entityId: Number(entityId),
  hourTs: Number(hourTs),
  lastTs: Number(lastTs),
  activeMinutes: numberOrNull(active),
  firstMinute: numberOrNull(first),
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
  return (rows as unknown[][]).map(toEntityHour);
}

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
    (rows as DbRow[])
      .map((row) => scopeFigure(row, 'last_ts'))
      .map(([scopeId, ts]) => [scopeId, Math.min(ts, beforeTs - 1)]),
  );
}

/**
 * Entities with any rolled-up or pending minute in [fromTs, toTs): the ones heard from recently.
 * Pending marks are read in the same statement, one snapshot: minutes the worker moves from
 * pending to rolled up meanwhile are seen on one side or the other, never on neither.
 */
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
  return new Set((rows as DbRow[]).map((row) => Number(row.id)));
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
    (rows as DbRow[])
      .map((row) => scopeFigure(row, 'last_ts'))
      .map(([scopeId, ts]) => [scopeId, Math.min(ts, beforeTs)]),
  );
}
