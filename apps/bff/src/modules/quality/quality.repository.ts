import type { Queryable } from '../../db/pool.ts';

export interface PendingSummary {
  count: number;
  distinctMinutes: number;
  oldestCreatedAt: number | null;
  oldestMinute: number | null;
}

export interface QualityScopeFilter {
  entityIds?: number[];
}

/** Dirty entity-minutes not yet rolled up, optionally limited to a window and a set of entities. */
export async function pendingSummary(conn: Queryable, window?: { from: number; to: number }, scope?: QualityScopeFilter): Promise<PendingSummary> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (window) {
    where.push('minute_ts >= ? AND minute_ts < ?');
    params.push(window.from - 59_999, window.to);
  }
  if (scope?.entityIds) {
    if (scope.entityIds.length === 0) return { count: 0, distinctMinutes: 0, oldestCreatedAt: null, oldestMinute: null };
    where.push('entity_id IN (?)');
    params.push(scope.entityIds);
  }
  const [rows] = await conn.query(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT minute_ts) AS minutes, MIN(created_at) AS oldest_created, MIN(minute_ts) AS oldest_minute
       FROM rollup_dirty ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  const row = (rows as { n: number; minutes: number; oldest_created: number | null; oldest_minute: number | null }[])[0];
  return {
    count: Number(row?.n ?? 0),
    distinctMinutes: Number(row?.minutes ?? 0),
    oldestCreatedAt: row?.oldest_created == null ? null : Number(row.oldest_created),
    oldestMinute: row?.oldest_minute == null ? null : Number(row.oldest_minute),
  };
}

/**
 * A fingerprint of everything the fleet-wide quality reads depend on: a new dirty mark (ingest or
 * a repair), a worker run starting or finishing, or a reconciliation run changes it. Each part is
 * one index lookup at the end of a primary key.
 */
export async function pipelineVersion(conn: Queryable): Promise<string> {
  const [rows] = await conn.query(
    `SELECT (SELECT MAX(id) FROM rollup_dirty) AS dirty,
            (SELECT CONCAT(id, ':', status, ':', COALESCE(finished_at, '')) FROM worker_runs ORDER BY id DESC LIMIT 1) AS run,
            (SELECT MAX(id) FROM reconciliation_runs) AS reconciliation`,
  );
  const row = (rows as { dirty: number | null; run: string | null; reconciliation: number | null }[])[0];
  return `${row?.dirty ?? ''}|${row?.run ?? ''}|${row?.reconciliation ?? ''}`;
}
