import type { Queryable } from '../../db/pool.ts';
import type { AnchorSigner } from './audit-signing.ts';

/** Where and how this process anchors the audit chain of one database outside it. */
export interface AuditAnchoring {
  /** Append-only directory of checkpoint files (WATCHFLOOR_AUDIT_ANCHOR_DIR). */
  dir: string;
  /** Optional collector each checkpoint is also POSTed to (WATCHFLOOR_AUDIT_ANCHOR_URL). */
  url?: string;
  signer: AnchorSigner;
  /** A failed POST does not fail the checkpoint (the file is written); it is reported here. */
  onPostError?: (error: unknown) => void;
}

const configured = new WeakMap<Queryable, AuditAnchoring>();

/**
 * Anchors the audit chain reached through this pool: its checkpoints are also written to the
 * anchor directory, and verification through it checks the chain against those anchors. Kept
 * beside the pool rather than threaded through every module that appends or checkpoints.
 */
export function configureAuditAnchoring(pool: Queryable, anchoring: AuditAnchoring): void {
  configured.set(pool, anchoring);
  witnessing = true;
}

export function auditAnchoringOf(pool: Queryable): AuditAnchoring | undefined {
  return configured.get(pool);
}

// Hashes of the records this process appended, keyed by their predecessor's hash: what the next
// checkpoint signs for them, whatever the database says by then. A record edited and re-hashed
// after the last checkpoint is thereby anchored as it was written, not as it was rewritten.
const WITNESS_LIMIT = 200_000;
let witnessing = false;
const witnessed = new Map<string, { seq: number; hash: string }>();

export function witnessAppend(seq: number, prevHash: string, hash: string): void {
  if (!witnessing) return;
  witnessed.delete(prevHash);
  witnessed.set(prevHash, { seq, hash });
  if (witnessed.size > WITNESS_LIMIT) {
    const oldest = witnessed.keys().next();
    if (!oldest.done) witnessed.delete(oldest.value);
  }
}

/** The hash this process wrote for the record after `prevHash`, if it wrote it. */
export function witnessedAfter(prevHash: string, seq: number): string | undefined {
  const entry = witnessed.get(prevHash);
  return entry && entry.seq === seq ? entry.hash : undefined;
}

/** Forgets what a checkpoint now covers. */
export function forgetWitnessedThrough(seq: number): void {
  for (const [key, entry] of witnessed) if (entry.seq <= seq) witnessed.delete(key);
}
