import type { Queryable } from '../../db/pool.ts';
import { numberOrNull } from '../../db/row-values.ts';

/** The fleet-wide backlog of the rollup worker: how much is pending and since when it arrived. */
export interface PendingSummary {
  count: number;
  oldestCreatedAt: number | null;
}

interface PendingSummaryDbRow {
  n: number | string | null;
  oldest_created: number | string | null;
}

const toPendingSummary = (row: PendingSummaryDbRow | undefined): PendingSummary => ({
  count: Number(row?.n ?? 0),
  oldestCreatedAt: numberOrNull(row?.oldest_created),
});

/** Dirty entity-minutes not yet rolled up, over the whole fleet. */
export async function pendingSummary(conn: Queryable): Promise<PendingSummary> {
  const [rows] = await conn.query(
    'SELECT COUNT(*) AS n, MIN(created_at) AS oldest_created FROM rollup_dirty',
  );
  return toPendingSummary((rows as PendingSummaryDbRow[])[0]);
}

interface PipelineVersionDbRow {
  dirty: number | null;
  run: string | null;
  reconciliation: number | null;
  backfill: number | string | null;
}

const toPipelineVersion = (row: PipelineVersionDbRow | undefined): string =>
  `${row?.dirty ?? ''}|${row?.run ?? ''}|${row?.reconciliation ?? ''}|${row?.backfill ?? ''}`;

/**
 * A fingerprint of everything the fleet-wide quality reads depend on: a new dirty mark (ingest or
 * a repair), a worker run starting or finishing, a reconciliation run, or a history back-fill
 * moving on or finishing changes it. Each part is one index lookup at the end of a primary key
 * (the back-fill table holds at most a row or two).
 */
export async function pipelineVersion(conn: Queryable): Promise<string> {
  const [rows] = await conn.query(
    `SELECT (SELECT MAX(id) FROM rollup_dirty) AS dirty,
            (SELECT CONCAT(id, ':', status, ':', COALESCE(finished_at, '')) FROM worker_runs ORDER BY id DESC LIMIT 1) AS run,
            (SELECT MAX(id) FROM reconciliation_runs) AS reconciliation,
            (SELECT SUM(filled_from) FROM history_backfill) AS backfill`,
  );
  return toPipelineVersion((rows as PipelineVersionDbRow[])[0]);
}
