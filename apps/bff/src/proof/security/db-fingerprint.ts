import type { Pool } from '../../db/pool.ts';

/**
 * Tables whose content legitimately changes without a successful request: session touches
 * (last_seen_at), failed sign-ins (counted on purpose) and the notification outbox (its delivery
 * worker claims and settles rows on its own timer; a request may only add rows). They are
 * compared by row count and revocations instead of content.
 */
const COUNTED_ONLY = new Set([
  'sessions',
  'login_failures',
  'schema_migrations',
  'notification_outbox',
]);
/** Written by the server's own timer (signed audit checkpoints), never by a request. */
const BACKGROUND = new Set([
  'audit_checkpoints',
  // Per-user request log for proposals and decisions: every counted request adds a row (a refused
  // one adds and removes it), on purpose (like login_failures), so it is no evidence of a write.
  'action_requests',
]);

export interface Fingerprint {
  tables: Record<string, string>;
}

export interface FingerprintReader {
  read(): Promise<Fingerprint>;
  tableNames: string[];
}

/** A content checksum of every table of the database, so a write by any request is seen. */
export async function fingerprintReader(pool: Pool): Promise<FingerprintReader> {
  const [rows] = await pool.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const names = (rows as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !BACKGROUND.has(name));
  const checksummed = names.filter((name) => !COUNTED_ONLY.has(name));
  const counted = names.filter((name) => COUNTED_ONLY.has(name));
  const countSql = `SELECT ${counted.map((name) => `(SELECT COUNT(*) FROM \`${name}\`) AS \`${name}\``).join(', ')}, (SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL) AS revoked_sessions`;
  return {
    tableNames: names,
    async read() {
      const tables: Record<string, string> = {};
      const [sums] = await pool.query(
        `CHECKSUM TABLE ${checksummed.map((name) => `\`${name}\``).join(', ')}`,
      );
      for (const row of sums as { Table: string; Checksum: number | null }[])
        tables[row.Table.split('.').pop()!] = String(row.Checksum);
      const [countRows] = await pool.query(countSql);
      for (const [name, value] of Object.entries((countRows as Record<string, number>[])[0] ?? {}))
        tables[`${name}#rows`] = String(value);
      return { tables };
    },
  };
}

/** The tables whose fingerprint differs, ignoring those `allowed` to change. */
export function changedTables(
  before: Fingerprint,
  after: Fingerprint,
  allowed: readonly string[] = [],
): string[] {
  return Object.keys(after.tables).filter(
    (name) => before.tables[name] !== after.tables[name] && !allowed.includes(name),
  );
}
