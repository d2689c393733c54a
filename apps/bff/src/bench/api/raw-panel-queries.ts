import { kindCode } from '../../modules/ingest/event-codes.ts';

export type RawScope =
  { kind: 'entity'; id: number } | { kind: 'segment'; id: number } | { kind: 'fleet' };

export interface RawQuery {
  sql: string;
  params: number[];
}

const TRAFFIC = `kind IN (${kindCode('request')}, ${kindCode('job')})`;

function scopeFilter(scope: RawScope): { clause: string; params: number[] } {
  if (scope.kind === 'entity') return { clause: 'entity_id = ? AND ', params: [scope.id] };
  if (scope.kind === 'segment') return { clause: 'segment_id = ? AND ', params: [scope.id] };
  return { clause: '', params: [] };
}

/**
 * What a Grafana MySQL panel runs for a RED chart straight off the raw table: requests, errors and
 * mean latency per time bucket with GROUP BY, and p95 per bucket. MySQL and MariaDB have no
 * portable percentile aggregate, so p95 is written the usual portable way: number the rows of each
 * bucket by latency with ROW_NUMBER() and take the first at rank ceil(0.95·n) (nearest rank, the
 * definition the product's histograms estimate).
 */
export function rawPanelWithP95(
  scope: RawScope,
  bucketMs: number,
  fromTs: number,
  toTs: number,
): RawQuery {
  const filter = scopeFilter(scope);
  return {
    sql: `SELECT t AS time, COUNT(*) AS requests, SUM(status = 1) AS errors, AVG(latency_ms) AS mean_ms,
                 MIN(CASE WHEN rn >= CEIL(0.95 * n) THEN latency_ms END) AS p95_ms
            FROM (SELECT FLOOR(ts / ${bucketMs}) * ${bucketMs} AS t, status, latency_ms,
                         ROW_NUMBER() OVER (PARTITION BY FLOOR(ts / ${bucketMs}) ORDER BY latency_ms) AS rn,
                         COUNT(*) OVER (PARTITION BY FLOOR(ts / ${bucketMs})) AS n
                    FROM events
                   WHERE ${filter.clause}ts >= ? AND ts < ? AND ${TRAFFIC}) AS traffic
           GROUP BY t ORDER BY t`,
    params: [...filter.params, fromTs, toTs],
  };
}

/** The same panel without p95: the cheapest raw form, a lower bound for any raw-table chart. */
export function rawPanelCountsOnly(
  scope: RawScope,
  bucketMs: number,
  fromTs: number,
  toTs: number,
): RawQuery {
  const filter = scopeFilter(scope);
  return {
    sql: `SELECT FLOOR(ts / ${bucketMs}) * ${bucketMs} AS time, COUNT(*) AS requests, SUM(status = 1) AS errors, AVG(latency_ms) AS mean_ms
            FROM events WHERE ${filter.clause}ts >= ? AND ts < ? AND ${TRAFFIC}
           GROUP BY FLOOR(ts / ${bucketMs}) ORDER BY 1`,
    params: [...filter.params, fromTs, toTs],
  };
}
