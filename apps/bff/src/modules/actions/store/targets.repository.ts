import { ActionTypeSchema, type ActionType } from '@watchfloor/shared/actions/catalogue';
import { z } from 'zod';
import { IN_FLIGHT_STATES } from '@watchfloor/shared/actions/states';
import type { PoolConnection, Queryable } from '../../../db/pool.ts';
import { allRows, camelColumns, firstRow, numeric } from '../../../db/row-values.ts';
import { groupByAction } from './group-by-action.ts';

const EntityRowSchema = z.object({
  id: numeric,
  slug: z.string(),
  kind: z.string(),
  state: z.string(),
});
const TargetRowSchema = EntityRowSchema.extend({ action_id: numeric });
const CountsRowSchema = z.object({ n: numeric, idle: numeric });
const HoldRowSchema = z.object({
  id: numeric,
  type: z.string(),
  params: z.string(),
  entity_id: numeric,
  state: z.string(),
});
const ConflictRowSchema = z.object({ id: numeric, type: z.string(), state: z.string() });
const EntityWithSegmentRowSchema = EntityRowSchema.extend({
  segment_id: numeric,
  segment_slug: z.string(),
});
const MemberRowSchema = z.object({ id: numeric, slug: z.string(), state: z.string() });

export interface TargetEntity {
  id: number;
  slug: string;
  kind: string;
  state: string;
}

/** The target entities of each action, with their current kind and state. */
export async function targetsOfActions(
  conn: Queryable,
  actionIds: number[],
): Promise<Map<number, TargetEntity[]>> {
  if (actionIds.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT t.action_id, e.id, e.slug, e.kind, e.state FROM action_targets t JOIN entities e ON e.id = t.entity_id WHERE t.action_id IN (?) ORDER BY e.slug',
    [actionIds],
  );
  return groupByAction(allRows(rows, TargetRowSchema.parse), (r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    state: r.state,
  }));
}

/** Entities of a segment in one state, in slug order: the replicas a scale action would pick. */
export async function entitiesInState(
  conn: Queryable,
  segmentId: number,
  state: string,
  order: 'asc' | 'desc',
  limit: number,
): Promise<TargetEntity[]> {
  const [rows] = await conn.query(
    `SELECT id, slug, kind, state FROM entities WHERE segment_id = ? AND state = ? ORDER BY slug ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`,
    [segmentId, state, limit],
  );
  return allRows(rows, EntityRowSchema.parse);
}

/** Serialises proposals, approvals and executions that touch one segment (blast-radius caps hold under concurrency). */
export async function lockSegment(conn: PoolConnection, segmentId: number): Promise<void> {
  await conn.query('SELECT id FROM segments WHERE id = ? FOR UPDATE', [segmentId]);
}

/** Entities of the segment, and how many of them are not active. */
export async function segmentCounts(
  conn: Queryable,
  segmentId: number,
): Promise<{ entities: number; notActive: number }> {
  const [rows] = await conn.query(
    "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN state <> 'active' THEN 1 ELSE 0 END), 0) AS idle FROM entities WHERE segment_id = ?",
    [segmentId],
  );
  const row = firstRow(rows, CountsRowSchema.parse) ?? { n: 0, idle: 0 };
  return { entities: row.n, notActive: row.idle };
}

/** The team owning the segment (segments.owner), null when none does. */
export async function segmentOwner(conn: Queryable, segmentId: number): Promise<string | null> {
  const [rows] = await conn.query('SELECT owner FROM segments WHERE id = ?', [segmentId]);
  const owner = (rows as { owner: string | null }[])[0]?.owner;
  return owner ? String(owner) : null;
}

export interface InFlightHold {
  actionId: number;
  type: string;
  params: string;
  entityId: number;
  entityState: string;
}

/** Targets of other in-flight actions in the segment: what they will take out of service once executed. */
export async function inFlightHolds(
  conn: Queryable,
  segmentId: number,
  excludeActionId: number | null,
): Promise<InFlightHold[]> {
  const [rows] = await conn.query(
    `SELECT a.id, a.type, a.params, t.entity_id, e.state FROM actions a
       JOIN action_targets t ON t.action_id = a.id JOIN entities e ON e.id = t.entity_id
      WHERE a.segment_id = ? AND a.state IN (?) AND a.id <> ?`,
    [segmentId, IN_FLIGHT_STATES, excludeActionId ?? 0],
  );
  return allRows(rows, HoldRowSchema.parse).map((r) => ({
    actionId: r.id,
    type: r.type,
    params: r.params,
    entityId: r.entity_id,
    entityState: r.state,
  }));
}

/** Other in-flight actions on any of these entities, or (for segment targets) on the same segment as a whole. */
export async function conflictingActions(
  conn: Queryable,
  request: {
    entityIds: number[];
    segmentId: number;
    targetKind: string;
    excludeActionId: number | null;
  },
): Promise<{ id: number; type: string; state: string }[]> {
  const exclude = request.excludeActionId ?? 0;
  const [rows] = await conn.query(
    `SELECT DISTINCT a.id, a.type, a.state FROM actions a JOIN action_targets t ON t.action_id = a.id
      WHERE t.entity_id IN (?) AND a.state IN (?) AND a.id <> ?
     UNION
     SELECT a.id, a.type, a.state FROM actions a
      WHERE ? = 'segment' AND a.target_kind = 'segment' AND a.segment_id = ? AND a.state IN (?) AND a.id <> ?
     ORDER BY id`,
    [
      request.entityIds.length ? request.entityIds : [0],
      IN_FLIGHT_STATES,
      exclude,
      request.targetKind,
      request.segmentId,
      IN_FLIGHT_STATES,
      exclude,
    ],
  );
  return allRows(rows, ConflictRowSchema.parse);
}

const SegmentActionRowSchema = z.object({
  id: numeric,
  type: ActionTypeSchema,
  state: z.string(),
  target_kind: z.string(),
  target_slug: z.string(),
});

/** Other in-flight actions in the segment (whatever they target), with their entities: what the conflict matrix judges against. */
export async function inFlightInSegment(
  conn: Queryable,
  segmentId: number,
  excludeActionId: number | null,
): Promise<
  {
    id: number;
    type: ActionType;
    state: string;
    targetKind: string;
    target: string;
    targets: string[];
  }[]
> {
  const [rows] = await conn.query(
    'SELECT id, type, state, target_kind, target_slug FROM actions WHERE segment_id = ? AND state IN (?) AND id <> ? ORDER BY id',
    [segmentId, IN_FLIGHT_STATES, excludeActionId ?? 0],
  );
  const actions = allRows(rows, SegmentActionRowSchema.parse);
  const targets = await targetsOfActions(
    conn,
    actions.map((a) => a.id),
  );
  return actions.map((a) => ({
    id: a.id,
    type: a.type,
    state: a.state,
    targetKind: a.target_kind,
    target: a.target_slug,
    targets: (targets.get(a.id) ?? []).map((t) => t.slug),
  }));
}

/** An entity by slug with its segment, or null. */
export async function findEntityWithSegment(
  conn: Queryable,
  slug: string,
): Promise<(TargetEntity & { segmentId: number; segmentSlug: string }) | null> {
  const [rows] = await conn.query(
    'SELECT e.id, e.slug, e.kind, e.state, e.segment_id, s.slug AS segment_slug FROM entities e JOIN segments s ON s.id = e.segment_id WHERE e.slug = ?',
    [slug],
  );
  return firstRow(rows, (raw) => camelColumns(EntityWithSegmentRowSchema.parse(raw)));
}

/** A segment's entities with their current state: the scope whose data quality a segment action judges. */
export async function entitiesOfSegment(
  conn: Queryable,
  segmentId: number,
): Promise<{ id: number; slug: string; state: string }[]> {
  const [rows] = await conn.query('SELECT id, slug, state FROM entities WHERE segment_id = ?', [
    segmentId,
  ]);
  return allRows(rows, MemberRowSchema.parse);
}

/**
 * Moves entities from one operational state to another, only where they are still in `from`.
 * Returns how many moved; the live simulator honours the new state on its next refresh.
 */
export async function moveEntityStates(
  conn: PoolConnection,
  entityIds: number[],
  from: string,
  to: string,
  at: number,
): Promise<number> {
  if (entityIds.length === 0) return 0;
  const [result] = await conn.query(
    'UPDATE entities SET state = ?, state_changed_at = ? WHERE id IN (?) AND state = ?',
    [to, at, entityIds, from],
  );
  return (result as { affectedRows: number }).affectedRows;
}
