import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { MigrationError, loadMigrations, migrate, migrationsCurrent } from './migrate.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

async function schemaFingerprint(): Promise<string> {
  const [rows] = await db.pool.query(
    'SELECT table_name, column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position',
  );
  return JSON.stringify(rows);
}

describe('migrations', () => {
  it('records what ran, and running them again changes nothing', async () => {
    const [ledger] = await db.pool.query(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect((ledger as { name: string }[]).map((r) => r.name)).toEqual(
      (await loadMigrations()).map((m) => m.name),
    );
    const before = await schemaFingerprint();
    expect(await migrate(db.pool)).toEqual([]);
    expect(await schemaFingerprint()).toBe(before);
    expect(await migrationsCurrent(db.pool)).toBe(true);
  });

  it('stops at a failing migration naming the file and the database message, and applies nothing after it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    writeFileSync(
      path.join(dir, '0900_good.sql'),
      'CREATE TABLE IF NOT EXISTS extra_good (id INT PRIMARY KEY);\n',
    );
    writeFileSync(
      path.join(dir, '0901_broken.sql'),
      'CREATE TABLE broken (id INT PRIMARY KEY, oops NOT_A_TYPE);\n',
    );
    writeFileSync(
      path.join(dir, '0902_after.sql'),
      'CREATE TABLE IF NOT EXISTS extra_after (id INT PRIMARY KEY);\n',
    );
    const error = await migrate(db.pool, await loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).file).toBe('0901_broken.sql');
    expect((error as MigrationError).dbMessage).toMatch(/syntax|NOT_A_TYPE/i);
    const [tables] = await db.pool.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'extra_%'",
    );
    expect((tables as { t: string }[]).map((r) => r.t)).toEqual(['extra_good']);
  });
});
