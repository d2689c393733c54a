import { bucketStart, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import { requireBucketPoint } from './bucket-point.ts';
import { minutesOfHours } from './minute-strip.ts';
import type { ScopeKind } from './rollup-aggregate.ts';
import { pointReadRow, type RollupReadRow } from './rollup-read-row.ts';
import { addRow, emptyTotal, type ScopeTotal } from './scope-total.ts';
import type { SeriesBucket } from './series-bucket.ts';
import { readSeries, readsMinuteStrips } from './series.repository.ts';
import { readScopeTotals } from './window-totals.repository.ts';
import type { WindowTile } from './window-tiles.ts';

/**
 * One scope's total over the window's tiles and its series, read together: for a one-minute
 * series longer than an hour, the hour rows give both the whole-hour tiles of the total and,
 * from their minute strips, the series, so the view reads one statement (edge minutes and hours)
 * instead of three. Otherwise the separate reads.
 */
export async function readTotalAndSeries(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  window: { from: number; to: number },
  tiles: readonly WindowTile[],
): Promise<{ total: ScopeTotal | undefined; series: SeriesBucket[] }> {
  if (
    readsMinuteStrips(resolution, window.from, window.to) &&
    tiles.every((tile) => tile.resolution !== '1d')
  )
    return readTogether(conn, scopeKind, scopeId, window, tiles);
  const [totals, series] = await Promise.all([
    readScopeTotals(conn, scopeKind, [scopeId], tiles),
    readSeries(conn, resolution, scopeKind, scopeId, window.from, window.to),
  ]);
  return { total: totals.get(scopeId), series };
}

/** A row of readTogether's statement: an edge minute, or an hour with its minute strip. */
interface TogetherRow {
  hourly: boolean;
  row: RollupReadRow;
  strip: string | null;
}

function toTogetherRow(
  scopeId: number,
  [hourly, bucketTs, point, hist, strip]: readonly unknown[],
): TogetherRow {
  const ts = Number(bucketTs);
  const figures = requireBucketPoint(point === null ? null : String(point), ts);
  return {
    hourly: Number(hourly) === 1,
    row: pointReadRow(scopeId, ts, figures, String(hist)),
    strip: strip === null ? null : String(strip),
  };
}

async function readTogether(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeId: number,
  window: { from: number; to: number },
  tiles: readonly WindowTile[],
): Promise<{ total: ScopeTotal | undefined; series: SeriesBucket[] }> {
  const minuteRanges = tiles
    .filter((tile) => tile.resolution === '1m')
    .map((tile) => [tile.fromTs, tile.toTs] as const);
  // Edge minutes and hours in one statement: each statement costs a round trip on both sides.
  const minutesPart = `SELECT 0 AS hourly, bucket_ts, point, latency_hist, NULL FROM rollups_1m
     WHERE scope_kind = ? AND scope_id = ? AND (${minuteRanges.map(() => '(bucket_ts >= ? AND bucket_ts < ?)').join(' OR ')})`;
  const hoursPart =
    'SELECT 1 AS hourly, bucket_ts, point, latency_hist, minute_points FROM rollups_1h WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ?';
  const [rows] = await conn.query(
    // Unordered: a sorted UNION costs the server a temporary table; the few rows are sorted here.
    {
      sql: `${minuteRanges.length > 0 ? `${minutesPart} UNION ALL ` : ''}${hoursPart}`,
      rowsAsArray: true,
    },
    [
      ...(minuteRanges.length > 0 ? [scopeKind, scopeId, ...minuteRanges.flat()] : []),
      scopeKind,
      scopeId,
      bucketStart(window.from, '1h'),
      window.to,
    ],
  );
  const read = (rows as unknown[][]).map((row) => toTogetherRow(scopeId, row));
  const byTime = (a: TogetherRow, b: TogetherRow) => a.row[1] - b.row[1];
  const hours = read.filter((r) => r.hourly).sort(byTime);
  const minutes = read.filter((r) => !r.hourly).sort(byTime);
  const series = minutesOfHours(
    hours.map((hour) => [hour.row[1], hour.strip] as const),
    window.from,
    window.to,
  );
  let total: ScopeTotal | undefined;
  for (const tile of tiles) {
    for (const { row } of tile.resolution === '1m' ? minutes : hours)
      if (row[1] >= tile.fromTs && row[1] < tile.toTs) addRow((total ??= emptyTotal(scopeId)), row);
  }
  return { total, series };
}
