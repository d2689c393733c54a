import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditPageSchema, AuditVerificationSchema } from '@watchfloor/shared/actions/audit';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseNow } from '../../db/db-clock.ts';
import { withTransaction } from '../../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_AUDIT_KEY, type TestApp } from '../../testing/test-app.ts';
import { signCheckpoint } from './audit-hash.ts';
import { verifyAuditChain } from './audit-verify.ts';
import { appendAudit, writeCheckpoint } from './audit.service.ts';

const bffRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let db: TestDatabase;
let t: TestApp;
let pristine: Record<string, unknown>[];
const RECORDS = 30;

const verify = () => verifyAuditChain(db.pool, TEST_AUDIT_KEY);
async function restore(): Promise<void> {
  await db.pool.query('DELETE FROM audit_log');
  await db.pool.query('DELETE FROM audit_checkpoints');
  const columns = Object.keys(pristine[0]!);
  await db.pool.query(`INSERT INTO audit_log (${columns.join(', ')}) VALUES ?`, [
    pristine.map((row) => columns.map((c) => row[c])),
  ]);
  const last = pristine[pristine.length - 1]!;
  await db.pool.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [
    last.seq,
    last.hash,
  ]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  // Concurrent appenders: the head lock serialises them, so the chain must come out gapless and unforked.
  await Promise.all(
    Array.from({ length: RECORDS }, (_, i) =>
      withTransaction(db.pool, (conn) =>
        appendAudit(conn, {
          actor: `user-${i % 3}`,
          event: i % 2 ? 'test.even' : 'test.odd',
          subject: `thing:${i}`,
          payload: { i, note: 'ünïcode ✓', nested: { b: 1, a: [2, 3] } },
        }),
      ),
    ),
  );
  const [rows] = await db.pool.query('SELECT * FROM audit_log ORDER BY seq');
  pristine = rows as Record<string, unknown>[];
});
beforeEach(restore);
afterAll(async () => db?.drop());

describe('hash chain', () => {
  it('stays one unforked chain under concurrent appends and verifies', async () => {
    expect(pristine.map((r) => Number(r.seq))).toEqual(
      Array.from({ length: RECORDS }, (_, i) => i + 1),
    );
    expect(await verify()).toMatchObject({
      ok: true,
      checkedRecords: RECORDS,
      firstMismatch: null,
    });
  });

  it.each([
    [
      'an edited payload',
      'UPDATE audit_log SET payload = REPLACE(payload, \'"i":\', \'"i":1\') WHERE seq = 17',
      17,
    ],
    ['an edited actor', "UPDATE audit_log SET actor = 'mallory' WHERE seq = 5", 5],
    ['an edited time', 'UPDATE audit_log SET at = at + 1 WHERE seq = 30', 30],
    ['a deleted record', 'DELETE FROM audit_log WHERE seq = 12', 12],
    ['the first record deleted', 'DELETE FROM audit_log WHERE seq = 1', 1],
  ])('names the exact record after %s', async (_what, sql, seq) => {
    await db.pool.query(sql);
    expect((await verify()).firstMismatch?.seq).toBe(seq);
  });

  it('names the record where two records were swapped', async () => {
    await db.pool.query('UPDATE audit_log SET seq = 0 WHERE seq = 8');
    await db.pool.query('UPDATE audit_log SET seq = 8 WHERE seq = 9');
    await db.pool.query('UPDATE audit_log SET seq = 9 WHERE seq = 0');
    expect((await verify()).firstMismatch?.seq).toBe(8);
  });

  it('names the record where a copy of an old record was reinserted, and where a deleted one was reinserted at the end', async () => {
    await db.pool.query(
      'INSERT INTO audit_log (seq, at, actor, event, subject, action_id, payload, prev_hash, hash) SELECT ?, at, actor, event, subject, action_id, payload, prev_hash, hash FROM audit_log WHERE seq = 4',
      [RECORDS + 1],
    );
    await db.pool.query('UPDATE audit_head SET seq = ? WHERE id = 1', [RECORDS + 1]);
    expect((await verify()).firstMismatch?.seq).toBe(RECORDS + 1);
    await restore();
    await db.pool.query('UPDATE audit_log SET seq = ? WHERE seq = 20', [RECORDS + 1]);
    expect((await verify()).firstMismatch?.seq).toBe(20);
  });

  it('catches a truncated tail against the head, and against the signed checkpoint when the head is rewound too', async () => {
    await writeCheckpoint(db.pool, TEST_AUDIT_KEY);
    await db.pool.query('DELETE FROM audit_log WHERE seq > 26');
    expect((await verify()).firstMismatch).toMatchObject({ seq: 27 });
    const [rows] = await db.pool.query('SELECT hash FROM audit_log WHERE seq = 26');
    await db.pool.query('UPDATE audit_head SET seq = 26, hash = ? WHERE id = 1', [
      (rows as { hash: string }[])[0]!.hash,
    ]);
    const result = await verify();
    expect(result.firstMismatch?.seq).toBe(27);
    expect(result.firstMismatch?.reason).toContain('signed checkpoint');
  });

  it('refuses a checkpoint not signed with the key, and one that disagrees with the chain', async () => {
    const forged = { seq: 10, hash: 'f'.repeat(64), signedAt: await databaseNow(db.pool) };
    await db.pool.query(
      'INSERT INTO audit_checkpoints (seq, hash, signed_at, signature) VALUES (?, ?, ?, ?)',
      [forged.seq, forged.hash, forged.signedAt, signCheckpoint('another-key-entirely', forged)],
    );
    expect(await verify()).toMatchObject({ ok: false, checkpoint: { signatureValid: false } });
    await db.pool.query(
      'INSERT INTO audit_checkpoints (seq, hash, signed_at, signature) VALUES (?, ?, ?, ?)',
      [forged.seq, forged.hash, forged.signedAt, signCheckpoint(TEST_AUDIT_KEY, forged)],
    );
    expect((await verify()).firstMismatch?.seq).toBe(10);
  });

  it('is never updated or deleted by the application: no source file writes audit_log except by INSERT', async () => {
    const grep = spawnSync(
      'grep',
      [
        '-rniE',
        '(update|delete[^;]*from)\\s+`?audit_log',
        path.join(bffRoot, 'src'),
        '--include=*.ts',
        '--exclude=*.test.ts',
        // proof:security and the test kit tamper with the log on purpose, in scratch databases:
        // they play the attacker.
        '--exclude-dir=proof',
        '--exclude-dir=testing',
      ],
      { encoding: 'utf8' },
    );
    expect(grep.stdout).toBe('');
  });
});

describe('audit API and CLI', () => {
  it('lists records newest first with filters and keyset pages, for approvers, admins and managers only', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const response = await t.get(
        `/api/v1/audit?event=test.even&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        'manager',
      );
      const body = envelopeSchema(AuditPageSchema).parse(await response.json());
      expect(
        body.data.records.every(
          (r) => r.event === 'test.even' && typeof (r.payload as { i: unknown }).i === 'number',
        ),
      ).toBe(true);
      seen.push(...body.data.records.map((r) => r.seq));
      cursor = body.data.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      pristine
        .filter((r) => r.event === 'test.even')
        .map((r) => Number(r.seq))
        .reverse(),
    );
    expect((await t.get('/api/v1/audit', 'operator')).status).toBe(403);
    expect((await t.get('/api/v1/audit?actor=user-1', 'approver')).status).toBe(200);
    expect((await t.get('/api/v1/audit?limit=0', 'admin')).status).toBe(422);
  });

  it('answers GET /verify and the offline command with the first mismatch', async () => {
    const ok = envelopeSchema(AuditVerificationSchema).parse(
      await (await t.get('/api/v1/audit/verify', 'approver')).json(),
    );
    expect(ok.data.ok).toBe(true);
    const cli = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', '--url', db.url], {
        cwd: bffRoot,
        encoding: 'utf8',
        env: { ...process.env, WATCHFLOOR_AUDIT_KEY: TEST_AUDIT_KEY },
      });
    expect(cli().status).toBe(0);
    await db.pool.query("UPDATE audit_log SET subject = 'thing:x' WHERE seq = 3");
    const broken = (await (await t.get('/api/v1/audit/verify', 'admin')).json()) as {
      data: { ok: boolean; firstMismatch: { seq: number } };
    };
    expect(broken.data).toMatchObject({ ok: false, firstMismatch: { seq: 3 } });
    const run = cli();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('BROKEN at record 3');
  });
});
