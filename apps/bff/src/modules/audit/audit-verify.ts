import type { AuditVerification } from '@watchfloor/shared/actions/audit';
import type { Queryable } from '../../db/pool.ts';
import { loadAnchors, type LoadedAnchors } from './audit-anchor-verify.ts';
import { anchorReport, missingCheckpoint, type AnchorReport } from './audit-anchor-report.ts';
import { auditHash, checkpointSignatureValid, GENESIS_HASH } from './audit-hash.ts';
import { latestCheckpoint, readChainPage, readHead } from './audit.repository.ts';

const PAGE = 1_000;

/** The chain check, plus what the external anchors said (null when none are configured). */
export type AnchoredAuditVerification = AuditVerification & { anchors: AnchorReport | null };

export interface VerifyOptions {
  /** The anchor directory to check the chain against (WATCHFLOOR_AUDIT_ANCHOR_DIR). */
  anchorDir?: string;
  /** Pins the anchors' signing key (`sha256:<hex>` of its public key). */
  publicKey?: string;
}

/**
 * Walks the whole chain in sequence order and names the first record that does not match: a gap
 * in the numbering (deleted or moved), contents that do not hash to the stored hash (edited,
 * reordered, copied), a broken link to the previous hash, or — against the anchors written
 * outside the database — a hash that differs from the one anchored for it (edited and re-hashed).
 * Then compares the end of the chain with the anchors, the head row and the latest signed
 * checkpoint (a truncated tail), and the anchors with the stored checkpoints (deleted ones).
 */
export async function verifyAuditChain(
  conn: Queryable,
  key: string,
  options: VerifyOptions = {},
): Promise<AnchoredAuditVerification> {
  // Anchors first: one written while this runs then has its database row by the time it is matched.
  const anchors = options.anchorDir
    ? await loadAnchors(options.anchorDir, { publicKey: options.publicKey })
    : null;
  const checkpoint = await latestCheckpoint(conn);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let hashAtCheckpoint: string | null = null;
  let firstMismatch: AuditVerification['firstMismatch'] = null;
  walk: for (let after = 0; ;) {
    const page = await readChainPage(conn, after, PAGE);
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        firstMismatch = {
          seq: expectedSeq,
          reason: `record ${expectedSeq} is missing: the next record is ${row.seq}`,
        };
        break walk;
      }
      if (auditHash(row) !== row.hash) {
        firstMismatch = {
          seq: row.seq,
          reason: `record ${row.seq} does not match its hash: its contents or position were changed`,
        };
        break walk;
      }
      if (row.prevHash !== prevHash) {
        firstMismatch = {
          seq: row.seq,
          reason: `record ${row.seq} does not chain to record ${row.seq - 1}`,
        };
        break walk;
      }
      const anchored = anchors?.hashes.get(row.seq);
      if (anchored && anchored.hash !== row.hash) {
        firstMismatch = {
          seq: row.seq,
          reason: `record ${row.seq} differs from the hash anchored outside the database by checkpoint ${anchored.checkpoint}: it was edited, replaced or moved and the chain re-hashed`,
        };
        break walk;
      }
      if (checkpoint && row.seq === checkpoint.seq) hashAtCheckpoint = row.hash;
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  const lastSeq = expectedSeq - 1;
  const signatureValid = checkpoint ? checkpointSignatureValid(key, checkpoint) : false;
  if (!firstMismatch && anchors) firstMismatch = anchoredTailMismatch(anchors, lastSeq);
  if (!firstMismatch)
    firstMismatch = await endOfChainMismatch(
      conn,
      lastSeq,
      prevHash,
      checkpoint,
      signatureValid,
      hashAtCheckpoint,
    );
  const report = anchors && (await anchorReport(conn, anchors));
  if (!firstMismatch && report) firstMismatch = missingCheckpoint(anchors!, report);
  return {
    ok: firstMismatch === null,
    checkedRecords: lastSeq,
    lastSeq,
    firstMismatch,
    checkpoint: checkpoint && {
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      signedAt: checkpoint.signedAt,
      signatureValid,
    },
    anchors: report,
  };
}

/** The database ends before the anchors do: its newest records were removed. */
function anchoredTailMismatch(
  anchors: LoadedAnchors,
  lastSeq: number,
): AuditVerification['firstMismatch'] {
  if (anchors.throughSeq <= lastSeq) return null;
  const by = anchors.hashes.get(anchors.throughSeq)?.checkpoint;
  return {
    seq: lastSeq + 1,
    reason: `records ${lastSeq + 1} to ${anchors.throughSeq} are missing: checkpoint ${by} anchored them outside the database (truncated)`,
  };
}

async function endOfChainMismatch(
  conn: Queryable,
  lastSeq: number,
  lastHash: string,
  checkpoint: { seq: number; hash: string } | null,
  signatureValid: boolean,
  hashAtCheckpoint: string | null,
): Promise<AuditVerification['firstMismatch']> {
  if (checkpoint && !signatureValid)
    return {
      seq: checkpoint.seq,
      reason: `the checkpoint for record ${checkpoint.seq} has an invalid signature`,
    };
  if (checkpoint && checkpoint.seq > lastSeq) {
    return {
      seq: lastSeq + 1,
      reason: `records ${lastSeq + 1} to ${checkpoint.seq} are missing: a signed checkpoint covers them`,
    };
  }
  if (checkpoint && checkpoint.seq > 0 && hashAtCheckpoint !== checkpoint.hash) {
    return {
      seq: checkpoint.seq,
      reason: `record ${checkpoint.seq} does not match the signed checkpoint`,
    };
  }
  const head = await readHead(conn);
  if (head.seq > lastSeq)
    return {
      seq: lastSeq + 1,
      reason: `records ${lastSeq + 1} to ${head.seq} are missing: the chain head is at ${head.seq}`,
    };
  if (head.seq < lastSeq || head.hash !== lastHash)
    return {
      seq: head.seq,
      reason: `the chain head (record ${head.seq}) does not match the last record`,
    };
  return null;
}
