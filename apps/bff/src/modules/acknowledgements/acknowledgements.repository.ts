import type { ResultSetHeader } from 'mysql2';
import { z } from 'zod';
import {
  AcknowledgementClearReasonSchema,
  AcknowledgementScopeKindSchema,
  type Acknowledgement,
  type AcknowledgementScopeKind,
} from '@watchfloor/shared/acknowledgements';
import { HealthStatusSchema, type HealthStatus } from '@watchfloor/shared/overview';
import type { Queryable } from '../../db/pool.ts';
import { allRows, firstRow, numeric } from '../../db/row-values.ts';

/** The most active acknowledgements one read returns; incidents being worked on are few. */
const ACTIVE_LIMIT = 500;

/** An acknowledgement row with the slugs of its scope and of the segment it belongs to. */
export interface AcknowledgementRecord extends Acknowledgement {
  scopeId: number;
}

const RowSchema = z
  .object({
    id: numeric,
    scope_kind: AcknowledgementScopeKindSchema,
    scope_id: numeric,
    scope_slug: z.string(),
    segment_slug: z.string(),
    username: z.string(),
    display_name: z.string(),
    comment: z.string(),
    status: HealthStatusSchema,
    acknowledged_at: numeric,
    cleared_at: numeric.nullable(),
    cleared_reason: AcknowledgementClearReasonSchema.nullable(),
  })
  .transform((r): AcknowledgementRecord => ({
    id: r.id,
    scopeId: r.scope_id,
    scope: { kind: r.scope_kind, slug: r.scope_slug, segment: r.segment_slug },
    comment: r.comment,
    by: { username: r.username, displayName: r.display_name },
    acknowledgedAt: r.acknowledged_at,
    status: r.status,
    clearedAt: r.cleared_at,
    clearedReason: r.cleared_reason,
  }));

// Each row joins its scope's own table by kind (and an entity's segment); REGISTERED leaves out
// a row whose scope is no longer in the registry.
const SELECT = `
  SELECT a.id, a.scope_kind, a.scope_id, a.username, a.display_name, a.comment, a.status,
         a.acknowledged_at, a.cleared_at, a.cleared_reason,
         COALESCE(s.slug, e.slug) AS scope_slug, COALESCE(s.slug, es.slug) AS segment_slug
    FROM incident_acknowledgements a
    LEFT JOIN segments s ON a.scope_kind = 'segment' AND s.id = a.scope_id
    LEFT JOIN entities e ON a.scope_kind = 'entity' AND e.id = a.scope_id
    LEFT JOIN segments es ON es.id = e.segment_id`;
const REGISTERED = '(s.id IS NOT NULL OR es.id IS NOT NULL)';

export interface NewAcknowledgement {
  kind: AcknowledgementScopeKind;
  scopeId: number;
  username: string;
  displayName: string;
  comment: string;
  status: HealthStatus;
  at: number;
}

/**
 * Writes the user's active acknowledgement of the scope, or rewrites its comment when there is one
 * already: the unique key (scope, user, active) decides, never a read before the write. Returns
 * the row's id and whether an existing acknowledgement was replaced.
 */
export async function upsertAcknowledgement(
  conn: Queryable,
  ack: NewAcknowledgement,
): Promise<{ id: number; replaced: boolean }> {
  const [result] = await conn.query(
    `INSERT INTO incident_acknowledgements
       (scope_kind, scope_id, username, display_name, comment, status, acknowledged_at, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1)
     ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), display_name = ?, comment = ?, status = ?,
       acknowledged_at = ?`,
    [
      ...[ack.kind, ack.scopeId, ack.username, ack.displayName, ack.comment, ack.status, ack.at],
      ...[ack.displayName, ack.comment, ack.status, ack.at],
    ],
  );
  const header = result as ResultSetHeader;
  // 1: a new row; 2: the existing row rewritten (LAST_INSERT_ID(id) makes insertId that row's id).
  return { id: Number(header.insertId), replaced: header.affectedRows !== 1 };
}

export async function findAcknowledgement(
  conn: Queryable,
  id: number,
): Promise<AcknowledgementRecord | null> {
  const [rows] = await conn.query(`${SELECT} WHERE a.id = ? AND ${REGISTERED}`, [id]);
  return firstRow(rows, (row) => RowSchema.parse(row));
}

/** Every active acknowledgement, oldest first. */
export async function listActiveAcknowledgements(
  conn: Queryable,
): Promise<AcknowledgementRecord[]> {
  const [rows] = await conn.query(
    `${SELECT} WHERE a.active = 1 AND ${REGISTERED} ORDER BY a.acknowledged_at, a.id LIMIT ?`,
    [ACTIVE_LIMIT],
  );
  return allRows(rows, (row) => RowSchema.parse(row));
}

/**
 * Clears one active acknowledgement made no later than `judgedAt` (a comment written after the
 * scope was judged OK was made against a newer verdict and stays). True when this call cleared it.
 */
export async function clearAcknowledgement(
  conn: Queryable,
  id: number,
  reason: z.infer<typeof AcknowledgementClearReasonSchema>,
  at: number,
  judgedAt: number,
): Promise<boolean> {
  const [result] = await conn.query(
    `UPDATE incident_acknowledgements
        SET active = NULL, cleared_at = ?, cleared_reason = ?
      WHERE id = ? AND active = 1 AND acknowledged_at <= ?`,
    [at, reason, id, judgedAt],
  );
  return (result as ResultSetHeader).affectedRows === 1;
}
