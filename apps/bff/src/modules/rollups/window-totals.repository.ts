import { HistogramAccumulator } from '@watchfloor/shared/metrics/histogram-accumulator';
import { bucketStart, RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import type { ScopeKind } from '../rollups/rollup-aggregate.ts';
import { ROLLUP_TABLES } from '../rollups/rollup.repository.ts';
import { unpackBucketPoint } from '../rollups/bucket-point.ts';
import { toSeriesBucket, unpackMinuteStrip, type SeriesBucket } from '../rollups/minute-strip.ts';
import {
  addRow,
  addRowFigures,
  emptyTotal,
  estimateLatency,
  ROLLUP_READ_COLUMNS,
  type RollupReadRow,
  type ScopeTotal,
} from './scope-aggregate.ts';
import type { WindowTile } from './window-tiles.ts';

/**
 * The drill-down's rollup reads. Rows are merged straight into dense histograms, and every
 * window of one resolution is read by one statement, so a view sends a handful of statements
 * however many windows and tiles it needs.
 */

type Range = readonly [fromTs: number, toTs: number];

/**
 * Rows of the scopes with a bucket start in any of the ranges, ordered by scope then time. Each row
 * is read as its point and histogram (four short columns); the same rows are read from their full
 * columns when any of them was written before points existed.
 */
async function selectRollups(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeIds: readonly number[],
  ranges: readonly Range[],
  fromColumns = false,
): Promise<RollupReadRow[]> {
  if (scopeIds.length === 0 || ranges.length === 0) return [];
  const select = async (columns: string) => {
    const [rows] = await conn.query(
      {
        sql: `SELECT ${columns} FROM ${ROLLUP_TABLES[resolution]}
               WHERE scope_kind = ? AND scope_id IN (?) AND (${ranges.map(() => '(bucket_ts >= ? AND bucket_ts < ?)').join(' OR ')})
               ORDER BY scope_id, bucket_ts`,
        rowsAsArray: true,
      },
      [scopeKind, [...scopeIds], ...ranges.flat()],
    );
    return rows as unknown[][];
  };
  if (fromColumns) return (await select(ROLLUP_READ_COLUMNS)) as RollupReadRow[];
  const rows = await select('scope_id, bucket_ts, point, latency_hist');
  const out: RollupReadRow[] = [];
  for (const [scopeId, bucketTs, point, hist] of rows as [
    number,
    number,
    string | null,
    string,
  ][]) {
    const row = pointRow(scopeId, bucketTs, point, hist);
    if (!row) return (await select(ROLLUP_READ_COLUMNS)) as RollupReadRow[];
    out.push(row);
  }
  return out;
}

/** A row read as its point and histogram, in the shape of the full columns; null without a point. */
function pointRow(
  scopeId: number,
  bucketTs: number,
  point: string | null,
  hist: string,
): RollupReadRow | null {
  const p = unpackBucketPoint(point);
  if (!p) return null;
  return [
    scopeId,
    bucketTs,
    p.events,
    p.requests,
    p.errors,
    p.latencyCount,
    p.latencySum,
    p.latencyMax,
    hist,
    p.gaugeCount,
    p.gaugeSum,
    p.gaugeMin,
    p.gaugeMax,
    p.lastTs,
  ];
}

/** A range of bucket starts in one resolution's rollups. */
interface RangeAt {
  resolution: Resolution;
  range: Range;
}

/**
 * Each range's rows of each scope summed by the database, every resolution in one statement: one
 * row per scope and range, in the shape of a rollup row (its bucket the range's start), histograms
 * joined into one packed text (a packed histogram may repeat an index; merging adds the counts).
 * The rows themselves never cross the wire: a segment's 25 entities over two windows sent about
 * 3,000 edge minutes before. Null when a joined histogram was cut at the server's
 * group_concat_max_len; the caller then reads the rows.
 */
async function sumRollups(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeIds: readonly number[],
  ranges: readonly RangeAt[],
): Promise<RollupReadRow[][] | null> {
  const sums = ranges.map((): RollupReadRow[] => []);
  if (scopeIds.length === 0 || ranges.length === 0) return sums;
  const hist = "NULLIF(latency_hist, '')";
  const perRange = (
    table: string,
  ) => `SELECT ? AS range_no, scope_id, MIN(bucket_ts), SUM(events), SUM(requests), SUM(errors), SUM(latency_count), SUM(latency_sum),
      MAX(latency_max), GROUP_CONCAT(${hist} SEPARATOR ','), SUM(gauge_count), SUM(gauge_sum), MIN(gauge_min), MAX(gauge_max), MAX(last_ts),
      COALESCE(SUM(CHAR_LENGTH(${hist})) + COUNT(${hist}) - 1, 0)
    FROM ${table} WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? GROUP BY scope_id`;
  const [rows] = await conn.query(
    {
      sql: ranges.map(({ resolution }) => perRange(ROLLUP_TABLES[resolution])).join(' UNION ALL '),
      rowsAsArray: true,
    },
    ranges.flatMap(({ range: [fromTs, toTs] }, i) => [i, scopeKind, [...scopeIds], fromTs, toTs]),
  );
  for (const [rangeNo, ...row] of rows as [number, ...RollupReadRow, number][]) {
    const histChars = Number(row.pop());
    const sum = row as unknown as RollupReadRow;
    sum[8] ??= '';
    if (sum[8].length !== histChars) return null;
    sums[Number(rangeNo)]!.push(sum);
  }
  return sums;
}

/**
 * One total per scope and window, each window covered exactly by its tiles; scopes without rollups
 * are absent. A bucket shared by two windows (the minute holding their common edge) counts in both,
 * as it would if each window were read alone. Per scope, tiles are added in order.
 */
export async function readWindowTotals<const W extends readonly (readonly WindowTile[])[]>(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeIds: readonly number[],
  windows: W,
): Promise<{ [K in keyof W]: Map<number, ScopeTotal> }> {
  type Totals = { [K in keyof W]: Map<number, ScopeTotal> };
  const totals = windows.map(() => new Map<number, ScopeTotal>());
  if (scopeIds.length === 0) return totals as Totals;
  const ranges: RangeAt[] = [];
  const rangeOf = (tile: WindowTile) =>
    ranges.findIndex(
      ({ resolution, range: [from, to] }) =>
        resolution === tile.resolution && from === tile.fromTs && to === tile.toTs,
    );
  for (const tile of windows.flat())
    if (rangeOf(tile) === -1)
      ranges.push({ resolution: tile.resolution, range: [tile.fromTs, tile.toTs] });
  const sums = await sumRollupsOrRows(conn, scopeKind, scopeIds, ranges);
  windows.forEach((tiles, w) => {
    const byScope = totals[w]!;
    for (const tile of tiles) {
      for (const row of sums[rangeOf(tile)]!) {
        const scopeId = Number(row[0]);
        let total = byScope.get(scopeId);
        if (!total) byScope.set(scopeId, (total = emptyTotal(scopeId)));
        addRow(total, row);
      }
    }
  });
  return totals as Totals;
}

/**
 * Per range, the rows to add: one sum per scope from sumRollups, or when a joined histogram was
 * cut, the range's rows themselves (one statement per resolution).
 */
async function sumRollupsOrRows(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeIds: readonly number[],
  ranges: readonly RangeAt[],
): Promise<RollupReadRow[][]> {
  const summed = await sumRollups(conn, scopeKind, scopeIds, ranges);
  if (summed) return summed;
  const resolutions = [...new Set(ranges.map((r) => r.resolution))];
  const rowsByResolution = new Map(
    await Promise.all(
      resolutions.map(async (resolution) => {
        const own = ranges.filter((r) => r.resolution === resolution).map((r) => r.range);
        return [
          resolution,
          await selectRollups(conn, resolution, scopeKind, scopeIds, own, true),
        ] as const;
      }),
    ),
  );
  return ranges.map(({ resolution, range: [fromTs, toTs] }) =>
    rowsByResolution
      .get(resolution)!
      .filter((row) => Number(row[1]) >= fromTs && Number(row[1]) < toTs),
  );
}

export async function readScopeTotals(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeIds: readonly number[],
  tiles: readonly WindowTile[],
): Promise<Map<number, ScopeTotal>> {
  const [totals] = await readWindowTotals(conn, scopeKind, scopeIds, [tiles]);
  return totals;
}

/**
 * One scope's series at one resolution, for buckets overlapping [fromTs, toTs): each bucket read
 * as its stored point (figures and percentiles the worker estimated from the bucket's histogram).
 * Minutes over more than an hour come from the hour rows' minute strips (a day is 25 rows, not
 * 1,440); shorter spans read the minute rows' points. Buckets without data are absent: a gap stays
 * a gap. Rows written before points (or strips) existed are read the older way instead.
 */
export async function readSeries(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[]> {
  if (resolution === '1m' && toTs - fromTs > HOUR) {
    const fromStrips = await readMinutesFromStrips(conn, scopeKind, scopeId, fromTs, toTs);
    if (fromStrips) return fromStrips;
  }
  return readSeriesFromPoints(conn, resolution, scopeKind, scopeId, fromTs, toTs);
}

const HOUR = RESOLUTIONS['1h'];

async function readMinutesFromStrips(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[] | null> {
  const [rows] = await conn.query(
    {
      sql: 'SELECT bucket_ts, minute_points FROM rollups_1h WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ? ORDER BY bucket_ts',
      rowsAsArray: true,
    },
    [scopeKind, scopeId, bucketStart(fromTs, '1h'), toTs],
  );
  return minutesOfHours(rows as [number, string | null][], fromTs, toTs);
}

/** The minutes starting in [fromTs, toTs) of hour rows' strips, in time order; null if any strip is missing. */
function minutesOfHours(
  hours: readonly (readonly [hourTs: number, strip: string | null])[],
  fromTs: number,
  toTs: number,
): SeriesBucket[] | null {
  const buckets: SeriesBucket[] = [];
  const firstMinute = bucketStart(fromTs, '1m');
  for (const [hourTs, strip] of hours) {
    const minutes = unpackMinuteStrip(Number(hourTs), strip, firstMinute, toTs);
    if (!minutes) return null;
    for (const minute of minutes) buckets.push(minute);
  }
  return buckets;
}

async function readSeriesFromPoints(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[]> {
  const [rows] = await conn.query(
    {
      sql: `SELECT bucket_ts, point FROM ${ROLLUP_TABLES[resolution]} WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ? ORDER BY bucket_ts`,
      rowsAsArray: true,
    },
    [scopeKind, scopeId, bucketStart(fromTs, resolution), toTs],
  );
  const buckets: SeriesBucket[] = [];
  for (const [bucketTs, point] of rows as [number, string | null][]) {
    const figures = unpackBucketPoint(point);
    if (!figures) return readSeriesFromColumns(conn, resolution, scopeKind, scopeId, fromTs, toTs);
    buckets.push(toSeriesBucket(Number(bucketTs), figures));
  }
  return buckets;
}

async function readSeriesFromColumns(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<SeriesBucket[]> {
  const rows = await selectRollups(
    conn,
    resolution,
    scopeKind,
    [scopeId],
    [[bucketStart(fromTs, resolution), toTs]],
    true,
  );
  const hist = new HistogramAccumulator();
  return rows.map((row) => {
    const total = emptyTotal(scopeId);
    hist.reset();
    addRowFigures(total, row);
    hist.addPacked(row[8]);
    const { scopeId: _scope, hist: _hist, ...figures } = total;
    return toSeriesBucket(Number(row[1]), {
      ...figures,
      latency: estimateLatency(hist, figures.latencyMax),
    });
  });
}

/**
 * One scope's total over the window's tiles and its series, read together: for a one-minute
 * series longer than an hour, the hour rows give both the whole-hour tiles of the total and,
 * from their minute strips, the series, so the view reads one statement (edge minutes and hours)
 * instead of three. Otherwise, or when a row predates points or strips, the separate reads.
 */
export async function readTotalAndSeries(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeId: number,
  window: { from: number; to: number },
  tiles: readonly WindowTile[],
): Promise<{ total: ScopeTotal | undefined; series: SeriesBucket[] }> {
  const together =
    resolution === '1m' &&
    window.to - window.from > HOUR &&
    tiles.every((tile) => tile.resolution !== '1d')
      ? await readTogether(conn, scopeKind, scopeId, window, tiles)
      : null;
  if (together) return together;
  const [totals, series] = await Promise.all([
    readScopeTotals(conn, scopeKind, [scopeId], tiles),
    readSeries(conn, resolution, scopeKind, scopeId, window.from, window.to),
  ]);
  return { total: totals.get(scopeId), series };
}

async function readTogether(
  conn: Queryable,
  scopeKind: ScopeKind,
  scopeId: number,
  window: { from: number; to: number },
  tiles: readonly WindowTile[],
) {
  const minuteRanges = tiles
    .filter((tile) => tile.resolution === '1m')
    .map((tile): Range => [tile.fromTs, tile.toTs]);
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
  const minuteRows: RollupReadRow[] = [];
  const hours: [number, string | null, string, string | null][] = [];
  for (const [hourly, bucketTs, point, hist, strip] of rows as [
    number,
    number,
    string | null,
    string,
    string | null,
  ][]) {
    if (Number(hourly) === 1) {
      hours.push([Number(bucketTs), point, hist, strip]);
      continue;
    }
    const row = pointRow(scopeId, Number(bucketTs), point, hist);
    if (!row) return null;
    minuteRows.push(row);
  }
  hours.sort((a, b) => a[0] - b[0]);
  minuteRows.sort((a, b) => Number(a[1]) - Number(b[1]));
  const series = minutesOfHours(
    hours.map(([hourTs, , , strip]) => [hourTs, strip] as const),
    window.from,
    window.to,
  );
  if (!series) return null;
  let total: ScopeTotal | undefined;
  const add = (row: RollupReadRow) => addRow((total ??= emptyTotal(scopeId)), row);
  for (const tile of tiles) {
    if (tile.resolution === '1m') {
      for (const row of minuteRows)
        if (Number(row[1]) >= tile.fromTs && Number(row[1]) < tile.toTs) add(row);
      continue;
    }
    for (const [hourTs, point, hist] of hours) {
      if (hourTs < tile.fromTs || hourTs >= tile.toTs) continue;
      const row = pointRow(scopeId, hourTs, point, hist);
      if (!row) return null;
      add(row);
    }
  }
  return { total, series };
}

/**
 * A view's series buckets for the quality check's gap test, when they are minutes; a failed read
 * gives none (the check then counts the fleet's minutes itself, and the view fails on its own).
 */
export function minuteBuckets(
  resolution: Resolution,
  series: Promise<SeriesBucket[]>,
): Promise<SeriesBucket[]> | undefined {
  return resolution === '1m' ? series.catch(() => []) : undefined;
}
