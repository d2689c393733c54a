import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createTestApp, TEST_AUDIT_KEY, type TestApp } from '../../testing/test-app.ts';
import { verifyAnchorsOffline, verifyAuditDatabase } from '../../cli/audit-verify-run.ts';
import { anchorFileName } from './audit-anchor.ts';
import { configureAuditAnchoring } from './audit-anchoring.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';
import { loadAnchorSigner } from './audit-signing.ts';
import { appendAudit, writeCheckpoint } from './audit.service.ts';
import type { AnchoredAuditVerification } from './audit-verify.ts';
import { rehashAuditFrom } from '../../testing/audit-tampering.ts';

const bffRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const signer = loadAnchorSigner({ auditKey: TEST_AUDIT_KEY, demoAuditKey: false });
let db: TestDatabase;
let t: TestApp;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'watchfloor-anchors-'));
  configureAuditAnchoring(db.pool, { dir, signer });
  await db.pool.query('DELETE FROM audit_log');
  await db.pool.query('DELETE FROM audit_checkpoints');
  await db.pool.query('UPDATE audit_head SET seq = 0, hash = ? WHERE id = 1', [GENESIS_HASH]);
});
afterAll(async () => db?.drop());

async function append(count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await withTransaction(db.pool, (conn) =>
      appendAudit(conn, {
        actor: `user-${i % 3}`,
        event: 'test.anchor',
        subject: `thing:${i}`,
        payload: { i },
      }),
    );
}
const checkpoint = () => writeCheckpoint(db.pool, TEST_AUDIT_KEY);

/** A correctly chained record written by another BFF process: this process never witnessed it. */
async function appendAsAnotherProcess(actor: string, subject: string): Promise<void> {
  const [heads] = await db.pool.query('SELECT seq, hash FROM audit_head WHERE id = 1');
  const head = (heads as { seq: number; hash: string }[])[0]!;
  const fields = {
    seq: Number(head.seq) + 1,
    at: Date.UTC(2026, 11, 5),
    actor,
    event: 'test.anchor',
    subject,
    actionId: null,
    payload: 'null',
    prevHash: head.hash,
  };
  const hash = auditHash(fields);
  await db.pool.query(
    'INSERT INTO audit_log (seq, at, actor, event, subject, action_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [fields.seq, fields.at, actor, fields.event, subject, null, fields.payload, head.hash, hash],
  );
  await db.pool.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [fields.seq, hash]);
}

async function viaApi(): Promise<AnchoredAuditVerification> {
  const response = await t.get('/api/v1/audit/verify', 'approver');
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: AnchoredAuditVerification }).data;
}
const viaCli = () => verifyAuditDatabase(db.url, { key: TEST_AUDIT_KEY, anchorDir: dir });

describe('audit anchored outside the database', () => {
  it('writes every checkpoint as a new signed file, on schedule even when nothing happened, and verifies', async () => {
    await append(5);
    await checkpoint();
    await checkpoint();
    expect((await readdir(dir)).sort()).toEqual([anchorFileName(1), anchorFileName(2)]);
    const second = JSON.parse(await readFile(path.join(dir, anchorFileName(2)), 'utf8')) as {
      seq: number;
      records: { hashes: string[] };
      keyFingerprint: string;
    };
    expect(second).toMatchObject({ seq: 5, records: { hashes: [] } });
    expect(second.keyFingerprint).toBe(signer.fingerprint);
    expect(await viaApi()).toMatchObject({
      ok: true,
      anchors: { checkpoints: 2, throughSeq: 5, missingCheckpoints: [] },
    });
    expect((await viaCli()).exitCode).toBe(0);
  });

  it('catches (a) the newest records deleted, the head rewound and the newer checkpoints deleted, at the first removed record', async () => {
    await append(20);
    await checkpoint();
    await append(10);
    await checkpoint();
    await db.pool.query('DELETE FROM audit_log WHERE seq > 26');
    await db.pool.query(
      'UPDATE audit_head h JOIN audit_log l ON l.seq = 26 SET h.seq = 26, h.hash = l.hash WHERE h.id = 1',
    );
    await db.pool.query('DELETE FROM audit_checkpoints WHERE seq > 26');
    const api = await viaApi();
    expect(api.ok).toBe(false);
    expect(api.firstMismatch?.seq).toBe(27);
    expect(api.firstMismatch?.reason).toContain('truncated');
    expect(api.anchors?.missingCheckpoints).toEqual([2]);
    const cli = await viaCli();
    expect(cli.exitCode).toBe(1);
    expect(cli.text).toContain('BROKEN at record 27');
    const command = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/audit-verify.ts', '--url', db.url, '--anchors', dir],
      {
        cwd: bffRoot,
        encoding: 'utf8',
        env: { ...process.env, WATCHFLOOR_AUDIT_KEY: TEST_AUDIT_KEY },
      },
    );
    expect(command.status).toBe(1);
    expect(command.stdout).toContain('BROKEN at record 27');
  });

  it('catches (b) every checkpoint deleted and the chain re-hashed after an edit, naming the edited record, not a later checkpoint', async () => {
    for (let i = 0; i < 8; i++) {
      await append(50);
      await checkpoint();
    }
    await db.pool.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 196");
    await rehashAuditFrom(db.pool, 196);
    await db.pool.query('DELETE FROM audit_checkpoints');
    const api = await viaApi();
    expect(api.firstMismatch?.seq).toBe(196);
    expect(api.firstMismatch?.reason).toContain('re-hashed');
    expect(api.anchors?.missingCheckpoints).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const cli = await viaCli();
    expect(cli.exitCode).toBe(1);
    expect(cli.text).toContain('BROKEN at record 196');
  });

  it('catches (c) a record edited and re-hashed after the last checkpoint: the next checkpoint signs what was written', async () => {
    await append(30);
    await checkpoint();
    await append(10);
    await db.pool.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 35");
    await rehashAuditFrom(db.pool, 35);
    await checkpoint();
    const api = await viaApi();
    expect(api.firstMismatch?.seq).toBe(35);
    expect((await viaCli()).text).toContain('BROKEN at record 35');
  });

  it('vouches only for committed appends: a rolled-back record replaced at the same number is no tampering', async () => {
    await append(3);
    await expect(
      withTransaction(db.pool, async (conn) => {
        await appendAudit(conn, {
          actor: 'user-0',
          event: 'test.anchor',
          subject: 'gone',
          payload: null,
        });
        throw new Error('the change this record described failed');
      }),
    ).rejects.toThrow('failed');
    await appendAsAnotherProcess('user-1', 'taken by another BFF');
    await append(1);
    await checkpoint();
    const api = await viaApi();
    expect(api).toMatchObject({ ok: true, firstMismatch: null, anchors: { problems: [] } });
    expect((await viaCli()).exitCode).toBe(0);
  });

  it('refuses to sign over a record edited after the last checkpoint that this process did not write', async () => {
    await append(10);
    await checkpoint();
    // Records 11 to 13 as another BFF process would append them: this one holds no witness for them.
    await db.pool.query(
      "INSERT INTO audit_log (seq, at, actor, event, subject, action_id, payload, prev_hash, hash) SELECT seq + 10, at, 'other-process', event, subject, action_id, payload, '', '' FROM audit_log WHERE seq <= 3",
    );
    await db.pool.query('UPDATE audit_head SET seq = 13 WHERE id = 1');
    await rehashAuditFrom(db.pool, 11);
    await db.pool.query("UPDATE audit_log SET subject = 'forged' WHERE seq = 12");
    await expect(checkpoint()).rejects.toMatchObject({ name: 'AuditAnchorRefused', seq: 12 });
    expect(await readdir(dir)).toEqual([anchorFileName(1)]);
    expect((await viaApi()).firstMismatch?.seq).toBe(12);
  });

  it('lets an auditor verify the anchors alone, offline, and notices an anchor deleted, rewritten or signed by another key', async () => {
    for (let i = 0; i < 3; i++) {
      await append(4);
      await checkpoint();
    }
    expect(await verifyAnchorsOffline(dir, { publicKey: signer.fingerprint })).toMatchObject({
      exitCode: 0,
      text: expect.stringContaining('vouching for records 1 to 12') as unknown,
    });
    const wrongKey = await verifyAnchorsOffline(dir, { publicKey: `sha256:${'0'.repeat(64)}` });
    expect(wrongKey.exitCode).toBe(1);
    const second = path.join(dir, anchorFileName(2));
    const text = await readFile(second, 'utf8');
    await chmod(second, 0o644);
    await writeFile(second, text.replace('"seq": 8', '"seq": 7'));
    expect((await verifyAnchorsOffline(dir)).text).toContain('BROKEN at checkpoint 2');
    await unlink(second);
    const deleted = await verifyAnchorsOffline(dir);
    expect(deleted.exitCode).toBe(1);
    expect(deleted.text).toContain('checkpoint 2 is missing');
    expect((await viaApi()).ok).toBe(false);
  });

  it('POSTs every checkpoint to the anchor URL as well', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      configureAuditAnchoring(db.pool, { dir, signer, url: `http://127.0.0.1:${port}/anchors` });
      await append(3);
      await checkpoint();
      expect(received).toEqual([
        JSON.parse(await readFile(path.join(dir, anchorFileName(1)), 'utf8')),
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('audit anchors unavailable', () => {
  it('answers 503 with the error envelope when the anchor directory cannot be read', async () => {
    const file = path.join(dir, 'not-a-directory');
    await writeFile(file, '');
    configureAuditAnchoring(db.pool, { dir: file, signer });
    const response = await t.get('/api/v1/audit/verify', 'approver');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
  });
});
