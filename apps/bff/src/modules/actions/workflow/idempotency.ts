import { createHash } from 'node:crypto';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import type { Pool } from '../../../db/pool.ts';
import { retryStatement } from '../../../db/retry-transaction.ts';
import { AppError, conflict, validationFailed } from '../../../http/app-error.ts';
import {
  deleteKey,
  findKey,
  insertKey,
  insertResponse,
  reclaimKey,
} from '../store/idempotency.repository.ts';

/** Keys are kept at least this long (the sweeper prunes older ones). */
export const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(canonicalJson({ method, path, body })).digest('hex');
}

export function requireIdempotencyKey(header: string | undefined): string {
  if (header === undefined || !KEY_PATTERN.test(header)) {
    throw validationFailed(
      'An Idempotency-Key header (1–255 visible ASCII characters) is required',
      [{ field: 'Idempotency-Key', message: header === undefined ? 'required' : 'invalid' }],
    );
  }
  return header;
}

export type StoredResponse = { status: number; body: string; replayed: boolean };

/**
 * Stripe's idempotency: the first request with a key runs and its response is stored; the same key
 * and body replays that response; the same key with a different body is 422; a request while the
 * first is still running is 409 and stores nothing. 4xx outcomes are stored like successes; on an
 * unexpected failure the key is released unless `keep(keyId)` says work was committed under it, in
 * which case a retry after `staleMs` takes the key over and `run` recovers (e.g. finds the action).
 */
export async function withIdempotency(
  pool: Pool,
  request: { scope: string; key: string; fingerprint: string; requestId: string; staleMs: number },
  run: (keyId: number) => Promise<{ status: number; body: unknown }>,
  keep: (keyId: number) => Promise<boolean>,
): Promise<StoredResponse> {
  // Each write below is one autocommit statement that decides (who holds the key, what it
  // answers): on Galera the loser of a race gets 1213, and its retry meets the winner's row
  // (a duplicate key, or a changed locked_at) and answers as a second caller does.
  let keyId = await retryStatement(pool, (p) =>
    insertKey(p, request.scope, request.key, request.fingerprint),
  );
  if (keyId === null) {
    const stored = await findKey(pool, request.scope, request.key);
    if (!stored)
      throw conflict('This Idempotency-Key is being released by a failed request; retry');
    if (stored.requestHash !== request.fingerprint) {
      throw validationFailed('This Idempotency-Key was already used with a different request', [
        { field: 'Idempotency-Key', message: 'reused with a different body' },
      ]);
    }
    if (stored.response) return { ...stored.response, replayed: true };
    if (
      stored.now - stored.lockedAt < request.staleMs ||
      !(await retryStatement(pool, (p) => reclaimKey(p, stored.id, stored.lockedAt)))
    ) {
      throw conflict('A request with this Idempotency-Key is still in progress');
    }
    keyId = stored.id;
  }
  try {
    const result = await run(keyId);
    const body = JSON.stringify(result.body);
    const id = keyId;
    await retryStatement(pool, (p) => insertResponse(p, id, result.status, body));
    return { status: result.status, body, replayed: false };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const { code, message, details } = error;
      const id = keyId;
      const stored = JSON.stringify({
        error: {
          code,
          message,
          requestId: request.requestId,
          ...(details !== undefined ? { details } : {}),
        },
      });
      await retryStatement(pool, (p) => insertResponse(p, id, error.status, stored));
    } else if (!(await keep(keyId).catch(() => true))) {
      await deleteKey(pool, keyId).catch(() => undefined);
    }
    throw error;
  }
}
