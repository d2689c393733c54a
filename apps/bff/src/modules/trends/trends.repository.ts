import type { Queryable } from '../../db/pool.ts';
import { allRows, type DbRow } from '../../db/row-values.ts';

/** The trends view's one read outside the rollups: control actions, for the action statistics. */

export interface ActionRow {
  segmentId: number;
  type: string;
  state: string;
  proposedAt: number;
}

const toActionRow = (row: DbRow): ActionRow => ({
  segmentId: Number(row.segment_id),
  type: String(row.type),
  state: String(row.state),
  proposedAt: Number(row.proposed_at),
});

/** Control actions proposed in [fromTs, toTs), every state. */
export async function actionsProposedBetween(
  conn: Queryable,
  fromTs: number,
  toTs: number,
): Promise<ActionRow[]> {
  const [rows] = await conn.query(
    'SELECT segment_id, type, state, proposed_at FROM actions WHERE proposed_at >= ? AND proposed_at < ? ORDER BY proposed_at',
    [fromTs, toTs],
  );
  return allRows(rows, toActionRow);
}
