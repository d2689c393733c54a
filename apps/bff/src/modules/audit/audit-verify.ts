import type { AuditVerification } from '@watchfloor/shared/actions/audit';
import type { Queryable } from '../../db/pool.ts';
import { auditHash, checkpointSignatureValid, GENESIS_HASH } from './audit-hash.ts';
import { latestCheckpoint, readChainPage, readHead } from './audit.repository.ts';

const PAGE = 1_000;

/**
 * Walks the whole chain in sequence order and names the first record that does not match: a gap
 * in the numbering (deleted or moved), contents that do not hash to the stored hash (edited,
 * reordered, copied), or a broken link to the previous hash. Then compares the end of the chain
 * with the head row and with the latest signed checkpoint, so a truncated tail is caught too.
 */
export async function verifyAuditChain(conn: Queryable, key: string): Promise<AuditVerification> {
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
      if (checkpoint && row.seq === checkpoint.seq) hashAtCheckpoint = row.hash;
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  const lastSeq = expectedSeq - 1;
  const signatureValid = checkpoint ? checkpointSignatureValid(key, checkpoint) : false;
  if (!firstMismatch)
    firstMismatch = await endOfChainMismatch(
      conn,
      lastSeq,
      prevHash,
      checkpoint,
      signatureValid,
      hashAtCheckpoint,
    );
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
