import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditDatabase } from '../../cli/audit-verify-run.ts';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { configureAuditAnchoring } from '../../modules/audit/audit-anchoring.ts';
import { GENESIS_HASH } from '../../modules/audit/audit-hash.ts';
import { loadAnchorSigner } from '../../modules/audit/audit-signing.ts';
import type { AnchoredAuditVerification } from '../../modules/audit/audit-verify.ts';
import { appendAudit, writeCheckpoint } from '../../modules/audit/audit.service.ts';
import { openProofStack, type ProofStack } from './proof-stack.ts';
import { rawRequest } from './raw-http.ts';
import type { Tally } from './tally.ts';
import { rehashAuditFrom } from '../../testing/audit-tampering.ts';

const CLS = 'audit-tampering';

export interface AuditTamperingCheck {
  attack: string;
  expectedSeq: number;
  apiSeq: number | null;
  cliSeq: number | null;
}

/** Appends `count` records through the audit service, as the BFF does. */
async function append(pool: Pool, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await withTransaction(pool, (conn) =>
      appendAudit(conn, {
        actor: `user-${i % 3}`,
        event: 'proof.audit',
        subject: `thing:${i}`,
        payload: { i },
      }),
    );
}

/**
 * Three attacks by someone who can write the database, each on a fresh chain in a scratch database
 * of its own (so no other phase's records or checkpoint timer interfere), anchored in a temporary
 * directory; each must be reported at the exact record by GET /api/v1/audit/verify (a BFF anchored
 * in that directory, an approver's session) and by `npm run audit:verify`'s function.
 */
export async function proveAuditTampering(options: {
  mysqlServer: string;
  logger: Logger;
  tally: Tally;
  /** Told of the phase's scratch stack, so Ctrl-C can drop its database too. */
  onStack?: (stack: ProofStack) => void;
}): Promise<AuditTamperingCheck[]> {
  const { tally } = options;
  const key = `proof-audit-key-${randomBytes(12).toString('hex')}`;
  const signer = loadAnchorSigner({ auditKey: key, demoAuditKey: false });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'watchfloor-proof-anchors-'));
  const stack = await openProofStack(options.mysqlServer, options.logger);
  options.onStack?.(stack);
  const checks: AuditTamperingCheck[] = [];
  try {
    const { pool } = stack;
    const server = await stack.start({
      WATCHFLOOR_AUDIT_KEY: key,
      WATCHFLOOR_AUDIT_ANCHOR_DIR: dir,
      // No timer checkpoint during the phase: the attacks decide when checkpoints are issued.
      WATCHFLOOR_AUDIT_CHECKPOINT_MS: '3600000',
    });
    const cookie = await stack.signIn(server.url, 'approver');
    configureAuditAnchoring(pool, { dir, signer });
    const checkpoint = () => writeCheckpoint(pool, key);

    const reset = async () => {
      await pool.query('DELETE FROM audit_log');
      await pool.query('DELETE FROM audit_checkpoints');
      await pool.query('UPDATE audit_head SET seq = 0, hash = ? WHERE id = 1', [GENESIS_HASH]);
      for (const name of await readdir(dir)) await unlink(path.join(dir, name));
    };
    const viaApi = async (what: string): Promise<AnchoredAuditVerification | null> => {
      const response = tally.observe(
        CLS,
        `${what}: GET /api/v1/audit/verify`,
        await rawRequest(server.url, {
          method: 'GET',
          path: '/api/v1/audit/verify',
          headers: { cookie },
        }),
        [200],
      );
      if (response.status !== 200) return null;
      return (JSON.parse(response.body) as { data: AnchoredAuditVerification }).data;
    };
    const prove = async (attack: string, expectedSeq: number) => {
      const api = await viaApi(attack);
      const cli = await verifyAuditDatabase(withDatabase(stack.serverUrl, stack.database), {
        key,
        anchorDir: dir,
      });
      const check: AuditTamperingCheck = {
        attack,
        expectedSeq,
        apiSeq: api?.firstMismatch?.seq ?? null,
        cliSeq: cli.result.firstMismatch?.seq ?? null,
      };
      checks.push(check);
      tally.count(CLS);
      if (check.apiSeq !== expectedSeq || api?.ok !== false)
        tally.fail(CLS, attack, `API reported record ${check.apiSeq}, expected ${expectedSeq}`);
      if (
        check.cliSeq !== expectedSeq ||
        cli.exitCode !== 1 ||
        !cli.text.includes(`BROKEN at record ${expectedSeq}`)
      )
        tally.fail(CLS, attack, `CLI reported "${cli.text}", expected record ${expectedSeq}`);
    };

    // (a) the newest records deleted, the head rewound, the newer checkpoints deleted.
    await reset();
    await append(pool, 20);
    await checkpoint();
    await append(pool, 10);
    await checkpoint();
    await pool.query('DELETE FROM audit_log WHERE seq > 26');
    await pool.query(
      'UPDATE audit_head h JOIN audit_log l ON l.seq = 26 SET h.seq = 26, h.hash = l.hash WHERE h.id = 1',
    );
    await pool.query('DELETE FROM audit_checkpoints WHERE seq > 26');
    await prove('(a) records 27–30 deleted, head rewound, checkpoint 2 deleted', 27);

    // (b) a record edited, the chain after it re-hashed, every checkpoint deleted.
    await reset();
    for (let i = 0; i < 8; i++) {
      await append(pool, 50);
      await checkpoint();
    }
    await pool.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 196");
    await rehashAuditFrom(pool, 196);
    await pool.query('DELETE FROM audit_checkpoints');
    await prove('(b) record 196 edited, chain re-hashed, all checkpoints deleted', 196);

    // (c) a record newer than the last checkpoint edited and re-hashed, then the next checkpoint.
    await reset();
    await append(pool, 30);
    await checkpoint();
    await append(pool, 10);
    await pool.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 35");
    await rehashAuditFrom(pool, 35);
    await checkpoint();
    await prove('(c) record 35 edited and re-hashed after the last checkpoint', 35);
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
  return checks;
}
