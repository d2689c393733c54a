import mysql from 'mysql2/promise';

/** True when a MySQL-compatible server answers at this URL within the timeout. */
export async function canConnect(serverUrl: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: timeoutMs });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

const SAFE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** Database names cannot be placeholders, so they are restricted to a safe alphabet instead. */
export function assertSafeDatabaseName(name: string): void {
  if (!SAFE_NAME.test(name)) throw new Error(`Database name "${name}" must match ${SAFE_NAME}`);
}

export async function createDatabaseIfAbsent(serverUrl: string, database: string): Promise<void> {
  assertSafeDatabaseName(database);
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`,
    );
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  assertSafeDatabaseName(database);
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await conn.end();
  }
}
