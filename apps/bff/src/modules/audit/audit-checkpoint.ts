import type { Queryable } from '../../db/pool.ts';
import { databaseNow } from '../../db/db-clock.ts';
import {
  checkpointHash,
  GENESIS_CHECKPOINT_HASH,
  latestAnchor,
  postAnchor,
  signAnchorBody,
  writeAnchorFile,
  type Anchor,
  type UnsignedAnchor,
} from './audit-anchor.ts';
import { forgetWitnessedThrough, witnessedAfter, type AuditAnchoring } from './audit-anchoring.ts';
import { auditHash, GENESIS_HASH, signCheckpoint } from './audit-hash.ts';
import { insertCheckpoint, readChainPage, readHead } from './audit.repository.ts';

const PAGE = 1_000;

/** The chain cannot be vouched for: no checkpoint is signed over it. */
export class AuditAnchorRefused extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message);
    this.name = 'AuditAnchorRefused';
  }
}

const queues = new WeakMap<Queryable, Promise<unknown>>();

/**
 * Issues the next checkpoint: signs the chain head and the hash of every record since the last
 * anchor, writes it to the anchor directory (a new file, never rewritten), then stores it in the
 * database and POSTs a copy when a collector is configured. Issued even when nothing happened, so
 * an anchor's age shows the checkpointer ran. One at a time per pool in this process; a number taken
 * by another process (EEXIST) is retried with the next.
 */
export function issueAnchoredCheckpoint(
  pool: Queryable,
  key: string,
  anchoring: AuditAnchoring,
): Promise<Anchor> {
  const previous = queues.get(pool) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => issue(pool, key, anchoring));
  queues.set(pool, next);
  return next;
}

async function issue(pool: Queryable, key: string, anchoring: AuditAnchoring): Promise<Anchor> {
  for (let attempt = 1; ; attempt++) {
    const prev = await latestAnchor(anchoring.dir);
    const anchor = signAnchorBody(anchoring.signer, await nextBody(pool, prev, anchoring));
    try {
      await writeAnchorFile(anchoring.dir, anchor);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 3) continue;
      throw error;
    }
    await insertCheckpoint(pool, {
      seq: anchor.seq,
      hash: anchor.hash,
      signedAt: anchor.signedAt,
      signature: signCheckpoint(key, anchor),
    });
    forgetWitnessedThrough(anchor.seq);
    if (anchoring.url)
      await postAnchor(anchoring.url, anchor).catch((error: unknown) =>
        anchoring.onPostError?.(error),
      );
    return anchor;
  }
}

/**
 * What the next checkpoint signs. Records this process appended are taken as it wrote them (the
 * witness); others are taken from the database only if they hash and chain correctly from the
 * last anchor, so an edit the database shows is never signed over.
 */
async function nextBody(
  pool: Queryable,
  prev: Anchor | null,
  anchoring: AuditAnchoring,
): Promise<UnsignedAnchor> {
  const prevSeq = prev?.seq ?? 0;
  const [head, signedAt] = await Promise.all([readHead(pool), databaseNow(pool)]);
  if (head.seq < prevSeq)
    throw new AuditAnchorRefused(
      head.seq + 1,
      `the audit head (record ${head.seq}) is behind anchored checkpoint ${prev!.checkpoint} (record ${prevSeq}): records were removed`,
    );
  const hashes: string[] = [];
  let trueHash = prev?.hash ?? GENESIS_HASH;
  let dbPrev = trueHash;
  for (let after = prevSeq; after < head.seq;) {
    const page = await readChainPage(pool, after, Math.min(PAGE, head.seq - after));
    if (page.length === 0)
      throw new AuditAnchorRefused(after + 1, `record ${after + 1} is missing`);
    for (const row of page) {
      const seq = after + 1;
      if (row.seq !== seq) throw new AuditAnchorRefused(seq, `record ${seq} is missing`);
      const witnessed = witnessedAfter(trueHash, seq);
      if (!witnessed && (auditHash(row) !== row.hash || row.prevHash !== dbPrev))
        throw new AuditAnchorRefused(
          seq,
          `record ${seq} does not hash or chain correctly; refusing to sign over it`,
        );
      trueHash = witnessed ?? row.hash;
      dbPrev = row.hash;
      hashes.push(trueHash);
      after = seq;
    }
  }
  return {
    version: 1,
    checkpoint: (prev?.checkpoint ?? 0) + 1,
    seq: head.seq,
    hash: trueHash,
    signedAt,
    prevCheckpointHash: prev ? checkpointHash(prev) : GENESIS_CHECKPOINT_HASH,
    records: { firstSeq: prevSeq + 1, hashes },
    publicKey: anchoring.signer.publicKey,
    keyFingerprint: anchoring.signer.fingerprint,
    demoKey: anchoring.signer.demo,
  };
}
