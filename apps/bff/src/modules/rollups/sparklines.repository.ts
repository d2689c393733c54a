import { bucketStart, RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import type { SparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';
import type { Queryable } from '../../db/pool.ts';
import { forEachMinuteCount } from './minute-strip.ts';
import { SCOPE_ENTITY } from './rollup-aggregate.ts';
import { ROLLUP_TABLES } from './rollup.repository.ts';
import { toStripRow } from './series.repository.ts';
import { SparklineLines } from './sparkline-lines.ts';

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
  const lines = new SparklineLines(stepMs);
  if (source === '1m' && toTs - startTs > RESOLUTIONS['1h']) {
    for (const [scopeId, hourTs, strip] of await selectStrips(conn, entityIds, startTs, toTs))
      forEachMinuteCount(hourTs, strip, startTs, toTs, (bucketTs, requests, errors) =>
        lines.add(scopeId, bucketTs, requests, errors),
      );
    return lines.byEntity;
  }
  const [rows] = await conn.query(
    {
      sql: `SELECT scope_id, bucket_ts, requests, errors FROM ${ROLLUP_TABLES[source]} WHERE scope_kind = ${SCOPE_ENTITY} AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts`,
      rowsAsArray: true,
    },
    [entityIds, startTs, toTs],
  );
  for (const row of rows as unknown[][]) {
    const [scopeId, bucketTs, requests, errors] = row.map(Number) as [
      number,
      number,
      number,
      number,
    ];
    lines.add(scopeId, bucketTs, requests, errors);
  }
  return lines.byEntity;
}

/** The entities' hour rows overlapping [fromTs, toTs) with their minute strips, in entity then time order. */
async function selectStrips(
  conn: Queryable,
  entityIds: number[],
  fromTs: number,
  toTs: number,
): Promise<[number, number, string | null][]> {
  const [rows] = await conn.query(
    {
      sql: `SELECT scope_id, bucket_ts, minute_points FROM rollups_1h WHERE scope_kind = ${SCOPE_ENTITY} AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts`,
      rowsAsArray: true,
    },
    [entityIds, bucketStart(fromTs, '1h'), toTs],
  );
  return (rows as unknown[][]).map(([scopeId, ...hour]) => [Number(scopeId), ...toStripRow(hour)]);
}
