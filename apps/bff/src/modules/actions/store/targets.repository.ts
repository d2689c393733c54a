import { z } from 'zod';
import { IN_FLIGHT_STATES } from '@watchfloor/shared/actions/states';
import type { PoolConnection, Queryable } from '../../db/pool.ts';

const num = z.union([z.number(), z.string()]).transform(Number);
const TargetRowSchema = z.object({
  action_id: num,
  id: num,
  slug: z.string(),
  kind: z.string(),
  state: z.string(),
});
const EntityRowSchema = z.object({
  id: num,
  slug: z.string(),
  kind: z.string(),
  state: z.string(),
});

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
  const byAction = new Map<number, TargetEntity[]>();
  if (actionIds.length === 0) return byAction;
  const [rows] = await conn.query(
    'SELECT t.action_id, e.id, e.slug, e.kind, e.state FROM action_targets t JOIN entities e ON e.id = t.entity_id WHERE t.action_id IN (?) ORDER BY e.slug',
    [actionIds],
  );
  for (const raw of rows as unknown[]) {
    const r = TargetRowSchema.parse(raw);
    const list = byAction.get(r.action_id) ?? [];
    list.push({ id: r.id, slug: r.slug, kind: r.kind, state: r.state });
    byAction.set(r.action_id, list);
  }
  return byAction;
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
  return (rows as unknown[]).map((raw) => EntityRowSchema.parse(raw));
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
  const row = (rows as { n: number | string; idle: number | string }[])[0];
  return { entities: Number(row?.n ?? 0), notActive: Number(row?.idle ?? 0) };
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
  return (
    rows as { id: number; type: string; params: string; entity_id: number; state: string }[]
  ).map((r) => ({
    actionId: Number(r.id),
    type: r.type,
    params: r.params,
    entityId: Number(r.entity_id),
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
  return (rows as { id: number; type: string; state: string }[]).map((r) => ({
    id: Number(r.id),
    type: r.type,
    state: r.state,
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
  const row = (
    rows as {
      id: number;
      slug: string;
      kind: string;
      state: string;
      segment_id: number;
      segment_slug: string;
    }[]
  )[0];
  return row
    ? {
        id: Number(row.id),
        slug: row.slug,
        kind: row.kind,
        state: row.state,
        segmentId: Number(row.segment_id),
        segmentSlug: row.segment_slug,
      }
    : null;
}

/** A segment's entities with their current state: the scope whose data quality a segment action judges. */
export async function entitiesOfSegment(
  conn: Queryable,
  segmentId: number,
): Promise<{ id: number; slug: string; state: string }[]> {
  const [rows] = await conn.query('SELECT id, slug, state FROM entities WHERE segment_id = ?', [
    segmentId,
  ]);
  return (rows as { id: number; slug: string; state: string }[]).map((r) => ({
    id: Number(r.id),
    slug: r.slug,
    state: r.state,
  }));
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
