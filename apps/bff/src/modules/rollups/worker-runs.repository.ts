import type { Queryable } from '../../db/pool.ts';
import { allRows, numberOrNull } from '../../db/row-values.ts';
import type { WorkerRun } from '@watchfloor/shared/quality';

export async function startRun(
  conn: Queryable,
  workerId: string,
  startedAt: number,
): Promise<number> {
  const [result] = await conn.query(
    "INSERT INTO worker_runs (worker_id, started_at, status) VALUES (?, ?, 'running')",
    [workerId, startedAt],
  );
  return (result as { insertId: number }).insertId;
}

export interface RunOutcome {
  status: 'ok' | 'failed';
  finishedAt: number;
  failureClass?: string | null;
  failureMessage?: string | null;
  rowsIn: number;
  rowsOut: number;
  buckets: number;
  lagMs: number | null;
  watermark: number | null;
  durationMs: number;
}

export async function finishRun(
  conn: Queryable,
  runId: number,
  outcome: RunOutcome,
): Promise<void> {
  await conn.query(
    `UPDATE worker_runs SET status = ?, finished_at = ?, failure_class = ?, failure_message = ?, rows_in = ?, rows_out = ?,
            buckets = ?, lag_ms = ?, watermark = ?, duration_ms = ? WHERE id = ?`,
    [
      outcome.status,
      outcome.finishedAt,
      outcome.failureClass ?? null,
      outcome.failureMessage?.slice(0, 500) ?? null,
      outcome.rowsIn,
      outcome.rowsOut,
      outcome.buckets,
      outcome.lagMs,
      outcome.watermark,
      outcome.durationMs,
      runId,
    ],
  );
}

interface RunDbRow {
  id: number;
  worker_id: string;
  started_at: number;
  finished_at: number | null;
  status: string;
  failure_class: string | null;
  rows_in: number;
  rows_out: number;
  buckets: number;
  lag_ms: number | null;
  duration_ms: number | null;
  watermark: number | null;
}

const toRun = (row: RunDbRow): WorkerRun => ({
  id: Number(row.id),
  workerId: row.worker_id,
  startedAt: Number(row.started_at),
  finishedAt: numberOrNull(row.finished_at),
  status: row.status === 'ok' || row.status === 'failed' ? row.status : 'running',
  failureClass: row.failure_class,
  rowsIn: row.rows_in,
  rowsOut: row.rows_out,
  bucketsRecomputed: row.buckets,
  lagMs: numberOrNull(row.lag_ms),
  durationMs: row.duration_ms,
  watermark: numberOrNull(row.watermark),
});

export async function recentRuns(conn: Queryable, limit: number): Promise<WorkerRun[]> {
  const [rows] = await conn.query('SELECT * FROM worker_runs ORDER BY id DESC LIMIT ?', [limit]);
  return allRows(rows, toRun);
}

export async function runsSince(conn: Queryable, sinceTs: number): Promise<WorkerRun[]> {
  const [rows] = await conn.query('SELECT * FROM worker_runs WHERE started_at >= ? ORDER BY id', [
    sinceTs,
  ]);
  return allRows(rows, toRun);
}

export interface DatabaseOutage {
  from: number;
  to: number;
}

/** Periods the rollup worker could not reach the database (recorded once it could again). */
export async function databaseOutagesSince(
  conn: Queryable,
  sinceTs: number,
): Promise<DatabaseOutage[]> {
  const [rows] = await conn.query(
    "SELECT started_at, finished_at FROM worker_runs WHERE failure_class = 'database_unavailable' AND started_at >= ? AND finished_at IS NOT NULL ORDER BY started_at",
    [sinceTs],
  );
  return (rows as { started_at: number; finished_at: number }[]).map((r) => ({
    from: Number(r.started_at),
    to: Number(r.finished_at),
  }));
}

/** Run history is kept for a bounded time; it is operational data, not audit. */
export async function pruneRuns(conn: Queryable, beforeTs: number): Promise<void> {
  await conn.query('DELETE FROM worker_runs WHERE started_at < ?', [beforeTs]);
}
