import type {
  PolicyChange,
  ProposePolicyChangeRequest,
} from '@watchfloor/shared/actions/policy-changes';
import type { Me } from '@watchfloor/shared/auth';
import type { ActionsDeps } from '../actions/actions-deps.ts';
import {
  requestFingerprint,
  requireIdempotencyKey,
  withIdempotency,
  type StoredResponse,
} from '../actions/workflow/idempotency.ts';
import { changeIdByIdempotencyKey } from './policy-changes.repository.ts';
import { getPolicyChange, proposePolicyChange } from './policy-changes.service.ts';

const STALE_MS = 60_000;

export interface PolicyChangeRequest {
  user: Me;
  body: ProposePolicyChangeRequest;
  /** The body as sent: its canonical form is the request's fingerprint. */
  raw: unknown;
  /** Optional Idempotency-Key: with one, a retried proposal replays the first answer. */
  key: string | undefined;
  requestId: string;
}

/**
 * Proposes a policy change, at most once per admin and Idempotency-Key when a key is sent (a
 * retry after a crash between commit and response finds the change the first attempt created).
 */
export async function proposePolicyChangeOnce(
  deps: ActionsDeps,
  request: PolicyChangeRequest,
  render: (change: PolicyChange) => unknown,
): Promise<StoredResponse> {
  if (request.key === undefined) {
    const change = await proposePolicyChange(deps, request.user, request.body, null);
    return { status: 201, body: JSON.stringify(render(change)), replayed: false };
  }
  return withIdempotency(
    deps.pool,
    {
      // Apart from action proposals' keys: the same key may be used for both without clashing.
      scope: `policy:${request.user.username}`,
      key: requireIdempotencyKey(request.key),
      fingerprint: requestFingerprint('POST', '/api/v1/policy/changes', request.raw),
      requestId: request.requestId,
      staleMs: deps.idempotencyStaleMs ?? STALE_MS,
    },
    async (keyId) => {
      const existing = await changeIdByIdempotencyKey(deps.pool, keyId);
      const change =
        existing === null
          ? await proposePolicyChange(deps, request.user, request.body, keyId)
          : await getPolicyChange(deps.pool, existing);
      return { status: 201, body: render(change) };
    },
    async (keyId) => (await changeIdByIdempotencyKey(deps.pool, keyId)) !== null,
  );
}
