import type { Annotation } from '@watchfloor/shared/drilldown';
import type { SparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';
import type { Queryable } from '../../db/pool.ts';
import { bucketStart, RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import { forEachMinuteCount } from '../rollups/minute-strip.ts';
import { ROLLUP_TABLES } from '../rollups/rollup.repository.ts';
import { lastSeenByEntity } from '../quality/scope-signals.repository.ts';

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

export async function annotationsFor(
  conn: Queryable,
  column: 'entity_id' | 'segment_id',
  id: number,
  fromTs: number,
  toTs: number,
): Promise<Annotation[]> {
  const [rows] = await conn.query(
    `SELECT ts, kind, title, event_id FROM annotations WHERE ${column === 'entity_id' ? 'entity_id' : 'segment_id'} = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT 500`,
    [id, fromTs, toTs],
  );
  return (
    rows as { ts: number; kind: Annotation['kind']; title: string; event_id: string | null }[]
  ).map((r) => ({ ts: Number(r.ts), kind: r.kind, title: r.title, eventId: r.event_id }));
}

/**
 * Request and error counts per entity in buckets of the plan's step, summed from its rollups,
 * without histograms: enough for sparklines, and cheap. Minutes over more than an hour are read
 * from the hour rows' minute strips (25 entities × 6 hours: 175 rows instead of 9,000). Buckets
 * without rows stay absent (gaps).
 */
export async function readSparklines(
  conn: Queryable,
  entityIds: number[],
  plan: SparklinePlan,
  fromTs: number,
  toTs: number,
): Promise<Map<number, [number, number, number][]>> {
  if (entityIds.length === 0) return new Map();
  const { stepMs, source } = plan;
  const startTs = Math.floor(fromTs / stepMs) * stepMs;
  if (source === '1m' && toTs - startTs > RESOLUTIONS['1h']) {
    const fromStrips = await sparklinesFromStrips(conn, entityIds, stepMs, startTs, toTs);
    if (fromStrips) return fromStrips;
  }
  const [rows] = await conn.query(
    {
      sql: `SELECT scope_id, bucket_ts, requests, errors FROM ${ROLLUP_TABLES[source]} WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts`,
      rowsAsArray: true,
    },
    [entityIds, startTs, toTs],
  );
  const lines = new SparklineLines(stepMs);
  for (const [scopeId, bucketTs, requests, errors] of rows as [number, number, number, number][])
    lines.add(scopeId, Number(bucketTs), requests, errors);
  return lines.byEntity;
}

async function sparklinesFromStrips(
  conn: Queryable,
  entityIds: number[],
  stepMs: number,
  startTs: number,
  toTs: number,
): Promise<Map<number, [number, number, number][]> | null> {
  const [rows] = await conn.query(
    {
      sql: 'SELECT scope_id, bucket_ts, minute_points FROM rollups_1h WHERE scope_kind = 1 AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts',
      rowsAsArray: true,
    },
    [entityIds, bucketStart(startTs, '1h'), toTs],
  );
  const lines = new SparklineLines(stepMs);
  for (const [scopeId, hourTs, strip] of rows as [number, number, string | null][]) {
    if (
      !forEachMinuteCount(Number(hourTs), strip, startTs, toTs, (bucketTs, requests, errors) =>
        lines.add(scopeId, bucketTs, requests, errors),
      )
    )
      return null;
  }
  return lines.byEntity;
}

/** Sums rows arriving in entity then time order into one line per entity, one point per step. */
class SparklineLines {
  readonly byEntity = new Map<number, [number, number, number][]>();
  constructor(private readonly stepMs: number) {}

  add(entityId: number, bucketTs: number, requests: number, errors: number): void {
    let line = this.byEntity.get(entityId);
    if (!line) this.byEntity.set(entityId, (line = []));
    const start = Math.floor(bucketTs / this.stepMs) * this.stepMs;
    const last = line[line.length - 1];
    if (last && last[0] === start) {
      last[1] += requests;
      last[2] += errors;
    } else line.push([start, requests, errors]);
  }
}
