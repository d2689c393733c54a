import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Pool } from './pool.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly dbMessage: string,
  ) {
    super(`Migration ${file} failed: ${dbMessage}`);
  }
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/** Splits a migration file into statements at semicolons that end a line; comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

async function ensureLedger(pool: Pool): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    checksum CHAR(64) NOT NULL,
    applied_at BIGINT NOT NULL
  ) ENGINE=InnoDB`);
}

async function readApplied(pool: Pool): Promise<Map<number, string>> {
  const [rows] = await pool.query('SELECT version, checksum FROM schema_migrations');
  return new Map(
    (rows as { version: number; checksum: string }[]).map((row) => [row.version, row.checksum]),
  );
}

/**
 * Applies the migrations not yet recorded, in order, and records each. Statements are written to
 * be re-runnable (IF NOT EXISTS, INSERT IGNORE), so a run interrupted mid-file completes next time.
 */
export async function migrate(pool: Pool, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await ensureLedger(pool);
  const applied = await readApplied(pool);
  const ran: string[] = [];
  for (const migration of all) {
    if (applied.has(migration.version)) continue;
    for (const statement of splitStatements(migration.sql)) {
      try {
        await pool.query(statement);
      } catch (error) {
        throw new MigrationError(migration.name, (error as Error).message);
      }
    }
    await pool.query(
      'INSERT IGNORE INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
      [migration.version, migration.name, migration.checksum, Date.now()],
    );
    ran.push(migration.name);
  }
  return ran;
}

/** True when every migration file has been applied: the readiness check. */
export async function migrationsCurrent(pool: Pool): Promise<boolean> {
  const all = await loadMigrations();
  const applied = await readApplied(pool).catch(() => new Map<number, string>());
  return all.every((migration) => applied.has(migration.version));
}
