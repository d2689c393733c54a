import type { EventKind } from '@watchfloor/shared/ingest';
import type { Queryable } from '../../db/pool.ts';
import type { DbRow } from '../../db/row-values.ts';
import { kindFromCode } from '../ingest/event-codes.ts';
import { SCOPE_ENTITY, SCOPE_SEGMENT } from './rollup-aggregate.ts';

/**
 * Reads of the kind and error-class breakdown (migration 0019). Error class '' holds a kind's ok
 * events and its errors sent without a class: events - errors of such a row were ok. Errors count
 * every event of status error, whatever its kind; latency counts every event that carried one.
 */

export interface BreakdownRow {
  scopeKind: 'entity' | 'segment';
  scopeId: number;
  kind: EventKind;
  /** '' when none. */
  errorClass: string;
  events: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
}

export interface BreakdownMinute extends BreakdownRow {
  bucketTs: number;
}

const HOUR = 3_600_000;
const MAX_MINUTES_SPAN = 7 * 86_400_000;
const SCOPE_CODES = { entity: SCOPE_ENTITY, segment: SCOPE_SEGMENT } as const;

const toRow = (scopeKind: BreakdownRow['scopeKind'], row: DbRow): BreakdownRow => ({
  scopeKind,
  scopeId: Number(row.scope_id),
  kind: kindFromCode(Number(row.kind)),
  errorClass: String(row.error_class),
  events: Number(row.events),
  errors: Number(row.errors),
  latencyCount: Number(row.latency_count),
  latencySum: Number(row.latency_sum),
});

/** Totals per scope, kind and error class over [from, to): hour rows for whole hours inside, minute rows at the edges. */
export async function breakdownTotals(
  conn: Queryable,
  scopeKind: 'entity' | 'segment',
  scopeIds: readonly number[],
  from: number,
  to: number,
): Promise<BreakdownRow[]> {
  if (scopeIds.length === 0 || to <= from) return [];
  const ids = [...scopeIds];
  const code = SCOPE_CODES[scopeKind];
  const firstHour = Math.ceil(from / HOUR) * HOUR;
  const lastHour = Math.floor(to / HOUR) * HOUR;
  const ranges: { table: string; fromTs: number; toTs: number }[] =
    firstHour < lastHour
      ? [
          { table: 'rollup_breakdown_1m', fromTs: from, toTs: firstHour },
          { table: 'rollup_breakdown_1h', fromTs: firstHour, toTs: lastHour },
          { table: 'rollup_breakdown_1m', fromTs: lastHour, toTs: to },
        ].filter((range) => range.fromTs < range.toTs)
      : [{ table: 'rollup_breakdown_1m', fromTs: from, toTs: to }];
  const parts = ranges.map(
    ({ table }) =>
      `SELECT scope_id, kind, error_class, events, errors, latency_count, latency_sum FROM ${table}
        WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?`,
  );
  const [rows] = await conn.query(
    `SELECT scope_id, kind, error_class, SUM(events) AS events, SUM(errors) AS errors,
            SUM(latency_count) AS latency_count, SUM(latency_sum) AS latency_sum
       FROM (${parts.join(' UNION ALL ')}) AS parts
      GROUP BY scope_id, kind, error_class
      ORDER BY scope_id, kind, error_class`,
    ranges.flatMap(({ fromTs, toTs }) => [code, ids, fromTs, toTs]),
  );
  return (rows as DbRow[]).map((row) => toRow(scopeKind, row));
}

/** Minute rows of one scope over [from, to) (at most 7 days asked). */
export async function breakdownMinutes(
  conn: Queryable,
  scopeKind: 'entity' | 'segment',
  scopeId: number,
  from: number,
  to: number,
): Promise<BreakdownMinute[]> {
  if (to - from > MAX_MINUTES_SPAN)
    throw new RangeError(`breakdown minutes are read for at most 7 days, asked ${to - from} ms`);
  if (to <= from) return [];
  const [rows] = await conn.query(
    `SELECT scope_id, bucket_ts, kind, error_class, events, errors, latency_count, latency_sum
       FROM rollup_breakdown_1m
      WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ?
      ORDER BY bucket_ts, kind, error_class`,
    [SCOPE_CODES[scopeKind], scopeId, from, to],
  );
  return (rows as DbRow[]).map((row) => ({
    ...toRow(scopeKind, row),
    bucketTs: Number(row.bucket_ts),
  }));
}
