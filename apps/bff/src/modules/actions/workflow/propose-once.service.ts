import type { ProposeActionRequest, ProposedAction } from '@watchfloor/shared/actions/api';
import type { Me } from '@watchfloor/shared/auth';
import type { Quality } from '@watchfloor/shared/quality';
import type { ActionsDeps } from '../actions-deps.ts';
import { findActionIdByIdempotencyKey } from '../store/actions.repository.ts';
import { requestFingerprint, withIdempotency, type StoredResponse } from './idempotency.ts';
import { proposeAction, recoverProposal } from './proposal.service.ts';

/** A key in progress for longer than this is taken to belong to a request that died. */
const DEFAULT_STALE_MS = 60_000;

export interface ProposalRequest {
  user: Me;
  body: ProposeActionRequest;
  /** The body as sent: its canonical form is the request's fingerprint. */
  raw: unknown;
  key: string;
  requestId: string;
}

/**
 * Proposes an action at most once per user and Idempotency-Key: a repeat replays the stored
 * response, and a retry after a crash between commit and response recovers the action the first
 * attempt created. `render` makes the response body that is stored and replayed.
 */
export function proposeOnce(
  deps: ActionsDeps,
  request: ProposalRequest,
  render: (answer: { data: ProposedAction; quality: Quality }) => unknown,
): Promise<StoredResponse> {
  return withIdempotency(
    deps.pool,
    {
      scope: request.user.username,
      key: request.key,
      fingerprint: requestFingerprint('POST', '/api/v1/actions', request.raw),
      requestId: request.requestId,
      staleMs: deps.idempotencyStaleMs ?? DEFAULT_STALE_MS,
    },
    async (keyId) => {
      const existing = await findActionIdByIdempotencyKey(deps.pool, keyId);
      const answer =
        existing === null
          ? await proposeAction(deps, request.user, request.body, keyId)
          : await recoverProposal(deps, existing);
      return { status: 201, body: render(answer) };
    },
    async (keyId) => (await findActionIdByIdempotencyKey(deps.pool, keyId)) !== null,
  );
}
