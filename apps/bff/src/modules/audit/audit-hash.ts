import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';

/** The previous hash of record 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fallback checkpoint key for demo mode; a real deployment sets WATCHFLOOR_AUDIT_KEY. */
export const DEMO_AUDIT_KEY = 'watchfloor-demo-audit-key-change-me';

export interface HashedFields {
  seq: number;
  at: number;
  actor: string;
  event: string;
  subject: string;
  actionId: number | null;
  /** Canonical JSON text, exactly as stored. */
  payload: string;
  prevHash: string;
}

/** SHA-256 over the canonical JSON of every stored field and the previous record's hash. */
export function auditHash(fields: HashedFields): string {
  const { seq, at, actor, event, subject, actionId, payload, prevHash } = fields;
  return createHash('sha256')
    .update(canonicalJson([seq, at, actor, event, subject, actionId, payload, prevHash]))
    .digest('hex');
}

export interface CheckpointFields {
  seq: number;
  hash: string;
  signedAt: number;
}

/** HMAC-SHA256 with a key the database does not hold: a checkpoint cannot be forged from inside it. */
export function signCheckpoint(key: string, checkpoint: CheckpointFields): string {
  return createHmac('sha256', key)
    .update(`${checkpoint.seq}:${checkpoint.hash}:${checkpoint.signedAt}`)
    .digest('hex');
}

export function checkpointSignatureValid(
  key: string,
  checkpoint: CheckpointFields & { signature: string },
): boolean {
  const expected = Buffer.from(signCheckpoint(key, checkpoint), 'hex');
  const given = Buffer.from(checkpoint.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
