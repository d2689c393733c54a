import http from 'node:http';
import mysql from 'mysql2/promise';
import { errorRatio } from '@watchfloor/shared/metrics/ratios';
import { bucketStart, RESOLUTIONS } from '@watchfloor/shared/metrics/resolution';
import { sparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';
import { contributionOf, contributionScore } from '../../modules/drilldown/contribution.ts';
import { latencySummary, ratePerSecond } from '../../modules/drilldown/scope-figures.ts';
import { minutesOfHours } from '../../modules/rollups/minute-strip.ts';
import { toRollupReadRow, type RollupReadRow } from '../../modules/rollups/rollup-read-row.ts';
import { addRow, emptyTotal, type ScopeTotal } from '../../modules/rollups/scope-total.ts';
import { SparklineLines } from '../../modules/rollups/sparkline-lines.ts';
import { tileWindow, type WindowTile } from '../../modules/rollups/window-tiles.ts';
import {
  byId,
  referenceEntity,
  referencePoint,
  type SegmentReference,
} from './segment-reference.ts';

/**
 * The fair floor for the segment 24 h view: plain node:http and a mysql2 pool, no framework,
 * session, validation, quality or shared answers. `GET /segments/<slug>?from=&to=` (or under /api/v1, so the same load runs against both) reads the rows
 * the product reads for that view (the segment's hour rows with their minute strips, every
 * entity's window totals now and in the preceding window summed by the database, the entities'
 * hour rows for sparklines) with the product's statements, and answers the rollup part of the
 * product's JSON (segment-reference.ts), byte for byte, using the product's pure decoding and
 * arithmetic. Only 24 h-like windows are served: minute series from strips, hourly sparklines.
 */

const SCOPE_ENTITY = 1;
const SCOPE_SEGMENT = 2;
const TABLES = { '1m': 'rollups_1m', '1h': 'rollups_1h', '1d': 'rollups_1d' } as const;

type Pool = mysql.Pool;

async function rowsOf(pool: Pool, sql: string, params: unknown[]): Promise<unknown[][]> {
  const [rows] = await pool.query({ sql, rowsAsArray: true }, params);
  return rows as unknown[][];
}

/** The product's window-totals statement (window-totals.repository.ts sumRollups): one sum per scope and range. */
async function entityTotals(
  pool: Pool,
  entityIds: number[],
  windows: WindowTile[][],
): Promise<Map<number, ScopeTotal>[]> {
  const ranges: WindowTile[] = [];
  const rangeOf = (tile: WindowTile) =>
    ranges.findIndex(
      (r) => r.resolution === tile.resolution && r.fromTs === tile.fromTs && r.toTs === tile.toTs,
    );
  for (const tile of windows.flat()) if (rangeOf(tile) === -1) ranges.push(tile);
  const hist = "NULLIF(latency_hist, '')";
  const perRange = (table: string) =>
    `SELECT ? AS range_no, scope_id, MIN(bucket_ts), SUM(events), SUM(requests), SUM(errors), SUM(latency_count), SUM(latency_sum),
      MAX(latency_max), GROUP_CONCAT(${hist} SEPARATOR ','), SUM(gauge_count), SUM(gauge_sum), MIN(gauge_min), MAX(gauge_max), MAX(last_ts),
      COALESCE(SUM(CHAR_LENGTH(${hist})) + COUNT(${hist}) - 1, 0)
    FROM ${table} WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? GROUP BY scope_id`;
  const rows = await rowsOf(
    pool,
    ranges.map((r) => perRange(TABLES[r.resolution])).join(' UNION ALL '),
    ranges.flatMap((r, i) => [i, SCOPE_ENTITY, entityIds, r.fromTs, r.toTs]),
  );
  const sums: RollupReadRow[][] = ranges.map(() => []);
  for (const [rangeNo, ...columns] of rows) {
    const histChars = Number(columns.pop());
    const sum = toRollupReadRow(columns);
    if (sum[8].length !== histChars)
      throw new Error('a joined histogram was cut (group_concat_max_len)');
    sums[Number(rangeNo)]!.push(sum);
  }
  return windows.map((tiles) => {
    const totals = new Map<number, ScopeTotal>();
    for (const tile of tiles)
      for (const row of sums[rangeOf(tile)]!) {
        let total = totals.get(row[0]);
        if (!total) totals.set(row[0], (total = emptyTotal(row[0])));
        addRow(total, row);
      }
    return totals;
  });
}

export async function segmentReference(
  pool: Pool,
  slug: string,
  window: { from: number; to: number },
): Promise<SegmentReference | null> {
  const entities = await rowsOf(
    pool,
    'SELECT s.id, e.id, e.slug FROM segments s LEFT JOIN entities e ON e.segment_id = s.id WHERE s.slug = ? ORDER BY e.slug',
    [slug],
  );
  if (entities.length === 0) return null;
  const segmentId = Number(entities[0]![0]);
  const members = entities
    .filter((row) => row[1] !== null)
    .map((row) => ({ id: Number(row[1]), slug: String(row[2]) }));
  const ids = members.map((m) => m.id);
  const length = window.to - window.from;
  const previousWindow = { from: window.from - length, to: window.from };
  const plan = sparklinePlan(window.from, window.to);
  if (plan.source === '1m') throw new Error('the bare reference serves day-long windows only');
  const sparkFrom = Math.floor(window.from / plan.stepMs) * plan.stepMs;
  const [hours, [now, before], sparkRows] = await Promise.all([
    rowsOf(
      pool,
      'SELECT bucket_ts, minute_points FROM rollups_1h WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ?',
      [SCOPE_SEGMENT, segmentId, bucketStart(window.from, '1h'), window.to],
    ),
    ids.length > 0
      ? entityTotals(pool, ids, [
          tileWindow(window.from, window.to),
          tileWindow(previousWindow.from, previousWindow.to),
        ])
      : [new Map<number, ScopeTotal>(), new Map<number, ScopeTotal>()],
    ids.length > 0
      ? rowsOf(
          pool,
          `SELECT scope_id, bucket_ts, requests, errors FROM ${TABLES[plan.source]} WHERE scope_kind = ${SCOPE_ENTITY} AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ? ORDER BY scope_id, bucket_ts`,
          [ids, sparkFrom, window.to],
        )
      : [],
  ]);
  const strips = hours
    .map(([ts, strip]) => [Number(ts), strip === null ? null : String(strip)] as const)
    .sort((a, b) => a[0] - b[0]);
  const minute = RESOLUTIONS['1m'];
  const series = minutesOfHours(strips, window.from, window.to).map((bucket) =>
    referencePoint({
      ts: bucket.bucketTs,
      requests: bucket.requests,
      ratePerSecond: ratePerSecond(bucket.requests, minute),
      errors: bucket.errors,
      errorRatio: errorRatio(bucket.errors, bucket.requests),
      ...bucket.latency,
      gaugeAvg: bucket.gaugeAvg,
      gaugeMin: bucket.gaugeMin,
      gaugeMax: bucket.gaugeMax,
    }),
  );
  const lines = new SparklineLines(plan.stepMs);
  for (const row of sparkRows) {
    const [scopeId, ts, requests, errors] = row.map(Number) as [number, number, number, number];
    lines.add(scopeId, ts, requests, errors);
  }
  const added = members.map((m) =>
    contributionOf({ now: now.get(m.id), previous: before.get(m.id) }),
  );
  const segmentAdded = added.reduce(
    (sum, c) => ({
      errorsAdded: sum.errorsAdded + c.errorsAdded,
      latencyAddedMs: sum.latencyAddedMs + c.latencyAddedMs,
    }),
    { errorsAdded: 0, latencyAddedMs: 0 },
  );
  const rows = members.map((member, i) => {
    const current = now.get(member.id);
    const previous = before.get(member.id);
    const contribution = added[i]!;
    return referenceEntity({
      id: member.slug,
      requests: current?.requests ?? 0,
      errors: current?.errors ?? 0,
      errorRatio: errorRatio(current?.errors ?? 0, current?.requests ?? 0),
      p95Ms: latencySummary(current).p95Ms,
      previous: {
        requests: previous?.requests ?? 0,
        errors: previous?.errors ?? 0,
        p95Ms: latencySummary(previous).p95Ms,
      },
      errorsAdded: contribution.errorsAdded,
      latencyAddedMs: contribution.latencyAddedMs,
      contribution: contributionScore(contribution, segmentAdded),
      sparkline: lines.byEntity.get(member.id) ?? [],
    });
  });
  return {
    window,
    previousWindow,
    series,
    entities: rows.sort(byId),
    sparklineBucketMs: plan.stepMs,
  };
}

export async function startBareServer(
  mysqlUrl: string,
  connectionLimit: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const pool = mysql.createPool({
    uri: mysqlUrl,
    connectionLimit,
    waitForConnections: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
  });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bare');
    const slug = decodeURIComponent(url.pathname.replace(/^\/(api\/v1\/)?segments\//, ''));
    const window = {
      from: Number(url.searchParams.get('from')),
      to: Number(url.searchParams.get('to')),
    };
    segmentReference(pool, slug, window)
      .then((reference) => {
        if (!reference) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: reference }));
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
