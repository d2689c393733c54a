import type { Pool } from '../../db/pool.ts';
import { firstRow } from '../../db/row-values.ts';

export interface IngestTokenRow {
  id: number;
  name: string;
  scopes: string[];
}

interface IngestTokenDbRow {
  id: number;
  name: string;
  scopes: string;
}

const toIngestToken = (row: IngestTokenDbRow): IngestTokenRow => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes.split(',').filter(Boolean),
});

export async function findActiveTokenByHash(
  pool: Pool,
  tokenHash: string,
): Promise<IngestTokenRow | null> {
  const [rows] = await pool.query(
    'SELECT id, name, scopes FROM ingest_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    [tokenHash],
  );
  return firstRow(rows, toIngestToken);
}

/** Inserts the token, or replaces the hash of an existing token with the same name. */
export async function upsertToken(
  pool: Pool,
  name: string,
  tokenHash: string,
  scopes: string[],
  now: number,
): Promise<void> {
  await pool.query(
    'INSERT INTO ingest_tokens (name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), scopes = VALUES(scopes), revoked_at = NULL',
    [name, tokenHash, scopes.join(','), now],
  );
}
