import { z } from 'zod';
import type { PoolConnection, Queryable } from '../../db/pool.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import type { KeysetRead } from '../../db/keyset-page.ts';
import { allRows, camelColumns, firstRow, numeric } from '../../db/row-values.ts';
import type { HashedFields } from './audit-hash.ts';

const AuditRowSchema = z.object({
  seq: numeric,
  at: numeric,
  actor: z.string(),
  event: z.string(),
  subject: z.string(),
  action_id: numeric.nullable(),
  payload: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
const HeadRowSchema = z.object({ seq: numeric, hash: z.string() });
const LockedHeadRowSchema = HeadRowSchema.extend({ now_ms: numeric });
const CheckpointRowSchema = z.object({
  id: numeric,
  seq: numeric,
  hash: z.string(),
  signed_at: numeric,
  signature: z.string(),
});

/** A stored record: the fields its hash covers, and that hash. */
export interface AuditRow extends HashedFields {
  hash: string;
}

export interface CheckpointRow {
  id: number;
  seq: number;
  hash: string;
  signedAt: number;
  signature: string;
}

const COLUMNS = 'seq, at, actor, event, subject, action_id, payload, prev_hash, hash';
const toRow = (raw: unknown): AuditRow => camelColumns(AuditRowSchema.parse(raw));

/** Locks the chain head for this transaction and reads it with the database time. */
export async function lockHead(
  conn: PoolConnection,
): Promise<{ seq: number; hash: string; now: number }> {
  const [rows] = await conn.query(
    `SELECT seq, hash, ${DB_NOW_MS} AS now_ms FROM audit_head WHERE id = 1 FOR UPDATE`,
  );
  const row = firstRow(rows, LockedHeadRowSchema.parse);
  if (!row) throw new Error('audit_head is missing its row; migrations are incomplete');
  return { seq: row.seq, hash: row.hash, now: row.now_ms };
}

/** Appends one record and moves the head; only ever called with the head locked. */
export async function insertRecordAndAdvance(conn: PoolConnection, row: AuditRow): Promise<void> {
  await conn.query(`INSERT INTO audit_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    row.seq,
    row.at,
    row.actor,
    row.event,
    row.subject,
    row.actionId,
    row.payload,
    row.prevHash,
    row.hash,
  ]);
  await conn.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [row.seq, row.hash]);
}

export async function readHead(conn: Queryable): Promise<{ seq: number; hash: string }> {
  const [rows] = await conn.query('SELECT seq, hash FROM audit_head WHERE id = 1');
  return firstRow(rows, HeadRowSchema.parse) ?? { seq: 0, hash: '' };
}

/** Records after `afterSeq` in chain order, for verification. */
export async function readChainPage(
  conn: Queryable,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  const [rows] = await conn.query(
    `SELECT ${COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
    [afterSeq, limit],
  );
  return allRows(rows, toRow);
}

export interface AuditFilter extends KeysetRead {
  actor?: string;
  event?: string;
  actionId?: number;
  from?: number;
  to?: number;
}

/** Newest first, keyset on seq. */
export async function listRecords(conn: Queryable, filter: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const when = (condition: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(condition);
    params.push(value);
  };
  when('actor = ?', filter.actor);
  when('event = ?', filter.event);
  when('action_id = ?', filter.actionId);
  when('at >= ?', filter.from);
  when('at < ?', filter.to);
  when('seq < ?', filter.before);
  params.push(filter.limit);
  const [rows] = await conn.query(
    `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
    params,
  );
  return allRows(rows, toRow);
}

/** One action's records in chain order: its timeline. */
export async function recordsOfAction(conn: Queryable, actionId: number): Promise<AuditRow[]> {
  const [rows] = await conn.query(
    `SELECT ${COLUMNS} FROM audit_log WHERE action_id = ? ORDER BY seq LIMIT 1000`,
    [actionId],
  );
  return allRows(rows, toRow);
}

export async function latestCheckpoint(conn: Queryable): Promise<CheckpointRow | null> {
  const [rows] = await conn.query(
    'SELECT id, seq, hash, signed_at, signature FROM audit_checkpoints ORDER BY id DESC LIMIT 1',
  );
  return firstRow(rows, (raw): CheckpointRow => camelColumns(CheckpointRowSchema.parse(raw)));
}

export async function insertCheckpoint(
  conn: Queryable,
  checkpoint: Omit<CheckpointRow, 'id'>,
): Promise<void> {
  await conn.query(
    'INSERT INTO audit_checkpoints (seq, hash, signed_at, signature) VALUES (?, ?, ?, ?)',
    [checkpoint.seq, checkpoint.hash, checkpoint.signedAt, checkpoint.signature],
  );
}

/** Every stored checkpoint's identity, oldest first: what the anchors are matched against. */
export async function listCheckpoints(
  conn: Queryable,
): Promise<{ seq: number; hash: string; signedAt: number }[]> {
  const [rows] = await conn.query(
    'SELECT id, seq, hash, signed_at, signature FROM audit_checkpoints ORDER BY id',
  );
  return allRows(rows, (raw) => {
    const row = camelColumns(CheckpointRowSchema.parse(raw));
    return { seq: row.seq, hash: row.hash, signedAt: row.signedAt };
  });
}
