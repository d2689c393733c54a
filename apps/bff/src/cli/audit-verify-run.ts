import { createPool } from '../db/pool.ts';
import { loadAnchors } from '../modules/audit/audit-anchor-verify.ts';
import { verifyAuditChain, type AnchoredAuditVerification } from '../modules/audit/audit-verify.ts';

/** What `npm run audit:verify` prints and exits with (0 intact, 1 not). */
export interface AuditVerifyRun {
  exitCode: 0 | 1;
  text: string;
}

export interface AuditVerifyOptions {
  /** Checkpoint HMAC key (WATCHFLOOR_AUDIT_KEY). */
  key: string;
  /** The external anchors to check the chain against. */
  anchorDir?: string;
  /** The anchor signing key's fingerprint the auditor expects (`sha256:<hex>`). */
  publicKey?: string;
  json?: boolean;
}

/** The database's chain, checked against its anchors: the command's verification function. */
export async function verifyAuditDatabase(
  url: string,
  options: AuditVerifyOptions,
): Promise<AuditVerifyRun & { result: AnchoredAuditVerification }> {
  const pool = createPool({ url, connectionLimit: 1 });
  try {
    const result = await verifyAuditChain(pool, options.key, options);
    return { result, exitCode: result.ok ? 0 : 1, text: describe(result, options.json) };
  } finally {
    await pool.end();
  }
}

function describe(result: AnchoredAuditVerification, json?: boolean): string {
  if (json) return JSON.stringify(result, null, 2);
  const anchors = result.anchors;
  if (!result.ok)
    return `Audit chain BROKEN at record ${result.firstMismatch!.seq}: ${result.firstMismatch!.reason} (${result.checkedRecords} record(s) read).`;
  const against = anchors
    ? anchors.last
      ? `, matches ${anchors.checkpoints} checkpoint(s) anchored in ${anchors.dir} (through record ${anchors.throughSeq}, key ${anchors.keyFingerprints.join(', ')}${anchors.demoKey ? ', the DEMO key' : ''})`
      : `, no anchored checkpoint in ${anchors.dir} yet`
    : result.checkpoint
      ? `, matches the signed checkpoint at record ${result.checkpoint.seq} (no anchor directory given)`
      : ', no checkpoint yet';
  return `Audit chain intact: ${result.checkedRecords} record(s)${against}.`;
}

/** The anchors alone, without the database: signatures, numbering, the checkpoint chain. */
export async function verifyAnchorsOffline(
  anchorDir: string,
  options: { publicKey?: string; json?: boolean } = {},
): Promise<AuditVerifyRun> {
  const loaded = await loadAnchors(anchorDir, options);
  const last = loaded.anchors.at(-1);
  const ok = loaded.problems.length === 0 && loaded.anchors.length > 0;
  if (options.json)
    return {
      exitCode: ok ? 0 : 1,
      text: JSON.stringify(
        {
          ok,
          dir: anchorDir,
          checkpoints: loaded.anchors.length,
          throughSeq: loaded.throughSeq,
          last: last ?? null,
          keyFingerprints: loaded.fingerprints,
          problems: loaded.problems,
        },
        null,
        2,
      ),
    };
  const problem = loaded.problems[0];
  if (problem)
    return {
      exitCode: 1,
      text: `Anchors BROKEN at checkpoint ${problem.checkpoint} (record ${problem.seq}): ${problem.reason}.`,
    };
  if (!last) return { exitCode: 1, text: `No anchored checkpoint in ${anchorDir}.` };
  return {
    exitCode: 0,
    text: `Anchors intact: ${loaded.anchors.length} checkpoint(s) in ${anchorDir}, vouching for records 1 to ${last.seq} (head ${last.hash}, signed ${new Date(last.signedAt).toISOString()} by ${loaded.fingerprints.join(', ')}${last.demoKey ? ', the DEMO key' : ''}).`,
  };
}
