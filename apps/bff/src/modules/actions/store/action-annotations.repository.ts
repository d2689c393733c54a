import { z } from 'zod';
import type { Annotation } from '@watchfloor/shared/drilldown';
import { ACTION_CATALOGUE, ActionTypeSchema } from '@watchfloor/shared/actions/catalogue';
import type { Queryable } from '../../../db/pool.ts';
import { allRows, numeric } from '../../../db/row-values.ts';

/** Which actions to flag: those touching these entities, those in a segment, or the whole fleet. */
export type AnnotationScope = { entityIds: number[] } | { segmentId: number } | { fleet: true };

const FLAGGED_EVENTS = ['action.executed', 'action.rolled_back'];
const PayloadSchema = z.object({ type: ActionTypeSchema, target: z.object({ id: z.string() }) });
const RowSchema = z.object({
  at: numeric,
  event: z.string(),
  action_id: numeric,
  payload: z.string(),
});

/**
 * Chart flags for executed and rolled-back actions in [from, to), drawn from the audit trail: the
 * time is when the change committed, the title says what changed and where.
 */
export async function actionAnnotations(
  conn: Queryable,
  scope: AnnotationScope,
  from: number,
  to: number,
): Promise<Annotation[]> {
  const params: unknown[] = [FLAGGED_EVENTS, from, to];
  let filter = '';
  if ('entityIds' in scope) {
    if (scope.entityIds.length === 0) return [];
    filter =
      'AND l.action_id IN (SELECT t.action_id FROM action_targets t WHERE t.entity_id IN (?))';
    params.push(scope.entityIds);
  } else if ('segmentId' in scope) {
    filter = 'AND l.action_id IN (SELECT a.id FROM actions a WHERE a.segment_id = ?)';
    params.push(scope.segmentId);
  }
  const [rows] = await conn.query(
    `SELECT l.at, l.event, l.action_id, l.payload FROM audit_log l
      WHERE l.event IN (?) AND l.at >= ? AND l.at < ? AND l.action_id IS NOT NULL ${filter}
      ORDER BY l.at, l.seq LIMIT 500`,
    params,
  );
  return allRows(rows, RowSchema.parse).flatMap((row) => {
    const payload = PayloadSchema.safeParse(JSON.parse(row.payload));
    if (!payload.success) return [];
    const label = ACTION_CATALOGUE[payload.data.type].label;
    const title =
      row.event === 'action.rolled_back'
        ? `Rolled back: ${label.toLowerCase()} ${payload.data.target.id} (#${row.action_id})`
        : `${label} ${payload.data.target.id} (#${row.action_id})`;
    return [{ ts: row.at, kind: 'action' as const, title, eventId: null, actionId: row.action_id }];
  });
}
