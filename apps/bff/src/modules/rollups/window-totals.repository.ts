import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import type { ScopeKind } from './rollup-aggregate.ts';
import { ROLLUP_TABLES } from './rollup.repository.ts';
import { ROLLUP_READ_COLUMNS, toRollupReadRow, type RollupReadRow } from './rollup-read-row.ts';
import { addRow, emptyTotal, type ScopeTotal } from './scope-total.ts';
import type { WindowTile } from './window-tiles.ts';

/**
 * Window totals of many scopes. Rows are merged straight into dense histograms, and every window
 * of one resolution is read by one statement, so a view sends a handful of statements however
 * many windows and tiles it needs.
 */

type Range = readonly [fromTs: number, toTs: number];

/** A range of bucket starts in one resolution's rollups. */
interface RangeAt {
  resolution: Resolution;
  range: Range;
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
        const scopeId = row[0];
        let total = byScope.get(scopeId);
        if (!total) byScope.set(scopeId, (total = emptyTotal(scopeId)));
        addRow(total, row);
      }
    }
  });
  return totals as Totals;
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
          await selectRollups(conn, resolution, scopeKind, scopeIds, own),
        ] as const;
      }),
    ),
  );
  return ranges.map(({ resolution, range: [fromTs, toTs] }) =>
    rowsByResolution.get(resolution)!.filter((row) => row[1] >= fromTs && row[1] < toTs),
  );
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
  for (const [rangeNo, ...columns] of rows as unknown[][]) {
    const histChars = Number(columns.pop());
    const sum = toRollupReadRow(columns);
    if (sum[8].length !== histChars) return null;
    sums[Number(rangeNo)]!.push(sum);
  }
  return sums;
}

/** Rows of the scopes with a bucket start in any of the ranges, ordered by scope then time. */
async function selectRollups(
  conn: Queryable,
  resolution: Resolution,
  scopeKind: ScopeKind,
  scopeIds: readonly number[],
  ranges: readonly Range[],
): Promise<RollupReadRow[]> {
  if (scopeIds.length === 0 || ranges.length === 0) return [];
  const [rows] = await conn.query(
    {
      sql: `SELECT ${ROLLUP_READ_COLUMNS} FROM ${ROLLUP_TABLES[resolution]}
             WHERE scope_kind = ? AND scope_id IN (?) AND (${ranges.map(() => '(bucket_ts >= ? AND bucket_ts < ?)').join(' OR ')})
             ORDER BY scope_id, bucket_ts`,
      rowsAsArray: true,
    },
    [scopeKind, [...scopeIds], ...ranges.flat()],
  );
  return (rows as unknown[][]).map(toRollupReadRow);
}
