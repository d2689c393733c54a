import { z } from 'zod';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import type { Queryable } from '../../db/pool.ts';
import { allRows, camelColumns, firstRow, numeric } from '../../db/row-values.ts';

/** The demo fleet's history: the one back-fill `npm start` runs. */
export const DEMO_HISTORY = 'demo-history';

/**
 * A history back-fill in progress, newest first: [filledFrom, anchorMs) is stored,
 * [historyFrom, filledFrom) is not yet. The seed parameters make a resumed run send exactly the
 * events the interrupted one would have.
 */
export interface BackfillState {
  name: string;
  anchorMs: number;
  historyFrom: number;
  filledFrom: number;
  seed: number;
  scale: number;
  liveRate: number | null;
  liveHours: number;
  startedAt: number;
  updatedAt: number;
}

const BackfillRowSchema = z
  .object({
    name: z.string(),
    anchor_ms: numeric,
    history_from: numeric,
    filled_from: numeric,
    seed: numeric,
    scale: numeric,
    live_rate: numeric.nullable(),
    live_hours: numeric,
    started_at: numeric,
    updated_at: numeric,
  })
  .transform(camelColumns);

const COLUMNS =
  'name, anchor_ms, history_from, filled_from, seed, scale, live_rate, live_hours, started_at, updated_at';

export async function readBackfill(conn: Queryable, name: string): Promise<BackfillState | null> {
  const [rows] = await conn.query(`SELECT ${COLUMNS} FROM history_backfill WHERE name = ?`, [name]);
  return firstRow(rows, BackfillRowSchema.parse);
}

/** Every back-fill still running, for the quality verdicts (usually none, at most one). */
export async function activeBackfills(conn: Queryable): Promise<BackfillState[]> {
  const [rows] = await conn.query(`SELECT ${COLUMNS} FROM history_backfill`);
  return allRows(rows, BackfillRowSchema.parse);
}

/**
 * Records a back-fill about to start, nothing stored yet (filled_from = anchor). Written before
 * the first event, so a start interrupted at any point finds it and resumes. Returns false when
 * one of that name is already recorded (it is resumed as recorded, not restarted).
 */
export async function beginBackfill(
  conn: Queryable,
  state: Pick<
    BackfillState,
    'name' | 'anchorMs' | 'historyFrom' | 'seed' | 'scale' | 'liveRate' | 'liveHours'
  >,
): Promise<boolean> {
  const [result] = await conn.query(
    `INSERT IGNORE INTO history_backfill
       (name, anchor_ms, history_from, filled_from, seed, scale, live_rate, live_hours, started_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${DB_NOW_MS}, ${DB_NOW_MS})`,
    [
      state.name,
      state.anchorMs,
      state.historyFrom,
      state.anchorMs,
      state.seed,
      state.scale,
      state.liveRate,
      state.liveHours,
    ],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

/**
 * Moves the back-filled point from `from` back to `to` once [to, from) is stored. Conditional on
 * the point still being `from`, so two runners can never skip a stretch; false when it was not.
 */
export async function advanceBackfill(
  conn: Queryable,
  name: string,
  from: number,
  to: number,
): Promise<boolean> {
  const [result] = await conn.query(
    `UPDATE history_backfill SET filled_from = ?, updated_at = ${DB_NOW_MS}
      WHERE name = ? AND filled_from = ?`,
    [to, name, from],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

/** The back-fill is done: windows reaching back stop saying so. */
export async function finishBackfill(conn: Queryable, name: string): Promise<void> {
  await conn.query('DELETE FROM history_backfill WHERE name = ?', [name]);
}
