import { z } from 'zod';
import type { Queryable } from '../../../db/pool.ts';
import { DB_NOW_MS } from '../../../db/db-clock.ts';
import { firstRow, numeric } from '../../../db/row-values.ts';

const KeyRowSchema = z.object({
  id: numeric,
  request_hash: z.string(),
  locked_at: numeric,
  now_ms: numeric,
  status: numeric.nullable(),
  body: z.string().nullable(),
});

export interface StoredKey {
  id: number;
  requestHash: string;
  lockedAt: number;
  now: number;
  response: { status: number; body: string } | null;
}

/** Inserts the key; null when it already exists (the unique key decides, so concurrent callers get one winner). */
export async function insertKey(
  conn: Queryable,
  scope: string,
  key: string,
  requestHash: string,
): Promise<number | null> {
  try {
    const [result] = await conn.query(
      `INSERT INTO idempotency_keys (scope, idem_key, request_hash, created_at, locked_at) VALUES (?, ?, ?, ${DB_NOW_MS}, ${DB_NOW_MS})`,
      [scope, key, requestHash],
    );
    return Number((result as { insertId: number }).insertId);
  } catch (error) {
    if ((error as { code?: string }).code === 'ER_DUP_ENTRY') return null;
    throw error;
  }
}

export async function findKey(
  conn: Queryable,
  scope: string,
  key: string,
): Promise<StoredKey | null> {
  const [rows] = await conn.query(
    `SELECT k.id, k.request_hash, k.locked_at, ${DB_NOW_MS} AS now_ms, r.status, r.body
       FROM idempotency_keys k LEFT JOIN idempotency_responses r ON r.key_id = k.id WHERE k.scope = ? AND k.idem_key = ?`,
    [scope, key],
  );
  const row = firstRow(rows, KeyRowSchema.parse);
  if (!row) return null;
  return {
    id: row.id,
    requestHash: row.request_hash,
    lockedAt: row.locked_at,
    now: row.now_ms,
    response:
      row.status === null || row.body === null ? null : { status: row.status, body: row.body },
  };
}

/** Takes over an abandoned key; true for the one caller whose compare-and-set on locked_at wins. */
export async function reclaimKey(conn: Queryable, id: number, lockedAt: number): Promise<boolean> {
  const [result] = await conn.query(
    `UPDATE idempotency_keys SET locked_at = ${DB_NOW_MS} WHERE id = ? AND locked_at = ?`,
    [id, lockedAt],
  );
  return (result as { affectedRows: number }).affectedRows === 1;
}

export async function insertResponse(
  conn: Queryable,
  keyId: number,
  status: number,
  body: string,
): Promise<void> {
  await conn.query(
    `INSERT INTO idempotency_responses (key_id, status, body, created_at) VALUES (?, ?, ?, ${DB_NOW_MS})`,
    [keyId, status, body],
  );
}

export async function deleteKey(conn: Queryable, keyId: number): Promise<void> {
  await conn.query('DELETE FROM idempotency_keys WHERE id = ?', [keyId]);
}

/** Deletes keys (and their responses) created before `olderThanMs` ago by database time. */
export async function pruneKeys(conn: Queryable, olderThanMs: number): Promise<number> {
  await conn.query(
    `DELETE r FROM idempotency_responses r JOIN idempotency_keys k ON k.id = r.key_id WHERE k.created_at < ${DB_NOW_MS} - ?`,
    [olderThanMs],
  );
  const [result] = await conn.query(
    `DELETE FROM idempotency_keys WHERE created_at < ${DB_NOW_MS} - ?`,
    [olderThanMs],
  );
  return (result as { affectedRows: number }).affectedRows;
}
