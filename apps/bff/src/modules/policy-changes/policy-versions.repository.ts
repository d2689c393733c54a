import { z } from 'zod';
import type { PoolConnection, Queryable } from '../../db/pool.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';
import { allRows, firstRow, numeric } from '../../db/row-values.ts';

const HeadRowSchema = z.object({
  version: z.string(),
  policy: z.string(),
  activated_at: numeric,
  activated_by: z.string(),
  change_id: numeric.nullable(),
});

/** The active version as stored: its policy still JSON text, parsed by the caller. */
export interface HeadRecord {
  version: string;
  policyText: string;
  activatedAt: number;
  activatedBy: string;
  changeId: number | null;
}

/** The active policy version, or null before the first boot seeded one. */
export async function readHead(conn: Queryable): Promise<HeadRecord | null> {
  const [rows] = await conn.query(
    `SELECT h.version, v.policy, h.activated_at, h.activated_by, h.change_id
       FROM policy_head h JOIN policy_versions v ON v.version = h.version WHERE h.id = 1`,
  );
  const row = firstRow(rows, HeadRowSchema.parse);
  return (
    row && {
      version: row.version,
      policyText: row.policy,
      activatedAt: row.activated_at,
      activatedBy: row.activated_by,
      changeId: row.change_id,
    }
  );
}

/** Only the active version's hash: the cheap read a periodic refresh makes. */
export async function readHeadVersion(conn: Queryable): Promise<string | null> {
  const [rows] = await conn.query('SELECT version FROM policy_head WHERE id = 1');
  return firstRow(rows, z.object({ version: z.string() }).parse)?.version ?? null;
}

/** Stores a version; a version is its content's hash, so storing it twice is harmless. */
export async function insertVersion(
  conn: PoolConnection,
  version: string,
  canonicalPolicy: string,
): Promise<void> {
  await conn.query(
    `INSERT IGNORE INTO policy_versions (version, policy, created_at) VALUES (?, ?, ${DB_NOW_MS})`,
    [version, canonicalPolicy],
  );
}

/** The policies stored under these versions, as JSON text by version. */
export async function policiesOf(
  conn: Queryable,
  versions: string[],
): Promise<Map<string, string>> {
  if (versions.length === 0) return new Map();
  const [rows] = await conn.query(
    'SELECT version, policy FROM policy_versions WHERE version IN (?)',
    [versions],
  );
  const parsed = allRows(rows, z.object({ version: z.string(), policy: z.string() }).parse);
  return new Map(parsed.map((r) => [r.version, r.policy]));
}

/** Makes `version` the first active one; false when another process seeded first. */
export async function seedHead(conn: PoolConnection, version: string): Promise<boolean> {
  const [result] = await conn.query(
    `INSERT IGNORE INTO policy_head (id, version, activated_at, activated_by, change_id)
     VALUES (1, ?, ${DB_NOW_MS}, 'system', NULL)`,
    [version],
  );
  if ((result as { affectedRows: number }).affectedRows !== 1) return false;
  await markActivated(conn, version, 'system');
  return true;
}

/**
 * Moves the head from `base` to `version`. Conditional on the head still being `base`: false when
 * another change took effect first (commit success, not a lock, decides the winner).
 */
export async function advanceHead(
  conn: PoolConnection,
  move: { base: string; version: string; by: string; changeId: number },
): Promise<boolean> {
  const [result] = await conn.query(
    `UPDATE policy_head SET version = ?, activated_at = ${DB_NOW_MS}, activated_by = ?, change_id = ?
      WHERE id = 1 AND version = ?`,
    [move.version, move.by, move.changeId, move.base],
  );
  if ((result as { affectedRows: number }).affectedRows !== 1) return false;
  await markActivated(conn, move.version, move.by);
  return true;
}

async function markActivated(conn: PoolConnection, version: string, by: string): Promise<void> {
  await conn.query(
    `UPDATE policy_versions SET activated_at = ${DB_NOW_MS}, activated_by = ? WHERE version = ?`,
    [by, version],
  );
}
