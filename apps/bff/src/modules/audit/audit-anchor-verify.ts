import { createHash } from 'node:crypto';
import {
  anchorSignatureOk,
  checkpointHash,
  GENESIS_CHECKPOINT_HASH,
  readAnchorFiles,
  type Anchor,
} from './audit-anchor.ts';
import { GENESIS_HASH } from './audit-hash.ts';

/** A problem with the anchors themselves, found without the database. */
export interface AnchorProblem {
  checkpoint: number;
  /** The first audit record the problem leaves unvouched for. */
  seq: number;
  reason: string;
}

/** The anchors as verified on their own: signatures, numbering, the checkpoint chain, coverage. */
export interface LoadedAnchors {
  dir: string;
  anchors: Anchor[];
  problems: AnchorProblem[];
  /** seq → the hash a valid anchor recorded for it, and which checkpoint did. */
  hashes: Map<number, { hash: string; checkpoint: number }>;
  /** The highest record any valid anchor covers (0 without anchors). */
  throughSeq: number;
  fingerprints: string[];
}

const fingerprintOf = (publicKey: string) =>
  `sha256:${createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex')}`;

/**
 * Reads and checks every anchor in the directory. Needs no database and no secret: each anchor
 * carries its public key; `publicKey` pins the fingerprint an auditor expects.
 */
export async function loadAnchors(
  dir: string,
  options: { publicKey?: string } = {},
): Promise<LoadedAnchors> {
  const files = await readAnchorFiles(dir);
  const loaded: LoadedAnchors = {
    dir,
    anchors: [],
    problems: [],
    hashes: new Map(),
    throughSeq: 0,
    fingerprints: [],
  };
  let prev: Anchor | null = null;
  let expected = 1;
  for (const { checkpoint, file, anchor } of files) {
    const nextSeq = (prev?.seq ?? 0) + 1;
    const problem = (reason: string) => loaded.problems.push({ checkpoint, seq: nextSeq, reason });
    if (checkpoint !== expected)
      problem(
        `anchored checkpoint${checkpoint - expected > 1 ? `s ${expected} to ${checkpoint - 1} are` : ` ${expected} is`} missing from ${dir}`,
      );
    expected = checkpoint + 1;
    if (!anchor || anchor.checkpoint !== checkpoint) {
      problem(`anchor file ${file} is not a valid checkpoint ${checkpoint}`);
      continue;
    }
    const reasons = anchorDefects(anchor, prev, options.publicKey);
    prev = anchor;
    if (reasons.length) {
      for (const reason of reasons) problem(`checkpoint ${checkpoint}: ${reason}`);
      continue;
    }
    loaded.anchors.push(anchor);
    if (!loaded.fingerprints.includes(anchor.keyFingerprint))
      loaded.fingerprints.push(anchor.keyFingerprint);
    anchor.records.hashes.forEach((hash, i) =>
      loaded.hashes.set(anchor.records.firstSeq + i, { hash, checkpoint }),
    );
    loaded.throughSeq = Math.max(loaded.throughSeq, anchor.seq);
  }
  return loaded;
}

function anchorDefects(anchor: Anchor, prev: Anchor | null, pinned?: string): string[] {
  const reasons: string[] = [];
  if (fingerprintOf(anchor.publicKey) !== anchor.keyFingerprint)
    reasons.push('its key fingerprint does not match its public key');
  if (pinned && anchor.keyFingerprint !== pinned)
    reasons.push(`signed by ${anchor.keyFingerprint}, not the expected ${pinned}`);
  if (!anchorSignatureOk(anchor)) reasons.push('its signature is invalid');
  const prevHash = prev ? checkpointHash(prev) : GENESIS_CHECKPOINT_HASH;
  if (anchor.prevCheckpointHash !== prevHash)
    reasons.push('it does not chain to the previous checkpoint');
  const prevSeq = prev?.seq ?? 0;
  const { firstSeq, hashes } = anchor.records;
  if (firstSeq !== prevSeq + 1 || hashes.length !== anchor.seq - prevSeq)
    reasons.push(`its records do not continue from record ${prevSeq}`);
  if ((hashes.at(-1) ?? prev?.hash ?? GENESIS_HASH) !== anchor.hash)
    reasons.push('its head hash is not the hash of its last record');
  return reasons;
}
