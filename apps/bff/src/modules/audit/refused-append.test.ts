import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/pool.ts';
import { configureRetries } from '../../db/retry-transaction.ts';
import { capturedLogger } from '../../testing/captured-logger.ts';
import { refuseCommits, type Refusals } from '../../testing/refuse-commits.ts';
import { TEST_AUDIT_KEY } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { appendAudit } from './audit.service.ts';
import { verifyAuditChain } from './audit-verify.ts';

/**
 * Audit appends refused at COMMIT, as Galera refuses the loser of two appends that read the same
 * head on different nodes: the retry re-reads the head, so the chain has no gap and no fork.
 */
let db: TestDatabase;
let refusals: Refusals | undefined;
const log = capturedLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  configureRetries(db.pool, { logger: log.logger, conflictDelayMs: 1 });
});
afterEach(() => {
  refusals?.restore();
  refusals = undefined;
  log.lines.length = 0;
});
afterAll(async () => db?.drop());

const append = (subject: string) =>
  withTransaction(db.pool, (conn) =>
    appendAudit(conn, { actor: 'tester', event: 'test.appended', subject, payload: { subject } }),
  );

async function chain() {
  const [rows] = await db.pool.query('SELECT seq, subject FROM audit_log ORDER BY seq');
  return (rows as { seq: number; subject: string }[]).map((r) => ({
    seq: Number(r.seq),
    subject: r.subject,
  }));
}

describe('an audit append whose COMMIT is refused', () => {
  it('is appended once, at the next number, and the chain verifies', async () => {
    await append('before');
    refusals = refuseCommits(db.pool, { errno: 1213, when: /INSERT INTO audit_log/ });
    const record = await append('refused-once');
    expect(refusals.refused).toBe(1);
    const rows = await chain();
    expect(rows.filter((r) => r.subject === 'refused-once')).toEqual([
      { seq: record.seq, subject: 'refused-once' },
    ]);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await verifyAuditChain(db.pool, TEST_AUDIT_KEY)).toMatchObject({
      ok: true,
      firstMismatch: null,
    });
  });

  it('never forks or skips a number when appends racing each other are refused', async () => {
    const before = (await chain()).length;
    refusals = refuseCommits(db.pool, {
      errno: 1213,
      when: /INSERT INTO audit_log/,
      skip: 2,
      times: 4,
    });
    const subjects = Array.from({ length: 12 }, (_, i) => `race-${i}`);
    await Promise.all(subjects.map(append));
    expect(refusals.refused).toBe(4);
    const rows = await chain();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBe(before + subjects.length);
    expect(
      rows
        .map((r) => r.subject)
        .filter((s) => s.startsWith('race-'))
        .sort(),
    ).toEqual([...subjects].sort());
    expect(await verifyAuditChain(db.pool, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
  });
});
