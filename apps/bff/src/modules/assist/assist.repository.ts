import { z } from 'zod';
import { ActionTypeSchema, TARGET_KINDS } from '@watchfloor/shared/actions/catalogue';
import { ActionStateSchema } from '@watchfloor/shared/actions/states';
import type { AssistAnswer } from '@watchfloor/shared/assist';
import type { Queryable } from '../../db/pool.ts';
import { allRows, firstRow, numeric } from '../../db/row-values.ts';
import type { IncidentAction } from './rules/inputs.ts';

/**
 * The assist module's only SQL. Answers are inserted and read, never updated or deleted: the
 * table is append-only, like the audit trail.
 */

/** Stores an answer with the exact text it was served as. */
export async function insertAnswer(
  conn: Queryable,
  answer: AssistAnswer,
  answerText: string,
): Promise<void> {
  await conn.query(
    `INSERT INTO assist_answers (id, created_at, created_by, scope_kind, scope_id, window_from, window_to,
       rules_version, inputs_hash, status, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      answer.id,
      answer.createdAt,
      answer.createdBy,
      answer.scope.kind,
      answer.scope.id ?? '',
      answer.window.from,
      answer.window.to,
      answer.rulesVersion,
      answer.inputsHash,
      answer.status,
      answerText,
    ],
  );
}

/** The stored text of an answer, or null when the id names none. */
export async function readAnswerText(conn: Queryable, id: string): Promise<string | null> {
  const [rows] = await conn.query('SELECT answer FROM assist_answers WHERE id = ?', [id]);
  return firstRow(rows, (row: { answer: unknown }) => String(row.answer));
}

/** Whether an answer with this id was stored: the actions module checks a proposal's evidence with it. */
export async function assistAnswerExists(conn: Queryable, id: string): Promise<boolean> {
  const [rows] = await conn.query('SELECT 1 AS found FROM assist_answers WHERE id = ?', [id]);
  return (rows as unknown[]).length > 0;
}

const IncidentActionRowSchema = z.object({
  id: numeric,
  type: ActionTypeSchema,
  target_kind: z.enum(TARGET_KINDS),
  target_slug: z.string(),
  state: ActionStateSchema,
  at: numeric,
});

/**
 * Actions on a segment that were executed, or failed executing, in [fromTs, toTs), from the audit
 * trail's record of it (the time the execution ended), with the action's state now.
 */
export async function actionsExecutedBetween(
  conn: Queryable,
  segmentId: number,
  fromTs: number,
  toTs: number,
): Promise<IncidentAction[]> {
  const [rows] = await conn.query(
    `SELECT a.id, a.type, a.target_kind, a.target_slug, a.state, l.at FROM audit_log l
       JOIN actions a ON a.id = l.action_id
      WHERE l.event IN ('action.executed', 'action.failed') AND a.segment_id = ? AND l.at >= ? AND l.at < ?
      ORDER BY l.at, l.seq LIMIT 20`,
    [segmentId, fromTs, toTs],
  );
  return allRows(rows, IncidentActionRowSchema.parse).map((row) => ({
    id: row.id,
    type: row.type,
    target: { kind: row.target_kind, id: row.target_slug },
    state: row.state,
    at: row.at,
  }));
}

export interface MinuteFigures {
  ts: number;
  requests: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
}

/**
 * One scope's minute rollups in [fromTs, toTs), counts and latency sums only (no histograms):
 * a 7-day window is 10,080 narrow rows.
 */
export async function minuteFigures(
  conn: Queryable,
  scopeKind: number,
  scopeId: number,
  fromTs: number,
  toTs: number,
): Promise<MinuteFigures[]> {
  const [rows] = await conn.query(
    {
      sql: `SELECT bucket_ts, requests, errors, latency_count, latency_sum FROM rollups_1m
             WHERE scope_kind = ? AND scope_id = ? AND bucket_ts >= ? AND bucket_ts < ? ORDER BY bucket_ts`,
      rowsAsArray: true,
    },
    [scopeKind, scopeId, fromTs, toTs],
  );
  return (rows as unknown[][]).map(([ts, requests, errors, latencyCount, latencySum]) => ({
    ts: Number(ts),
    requests: Number(requests),
    errors: Number(errors),
    latencyCount: Number(latencyCount),
    latencySum: Number(latencySum),
  }));
}
