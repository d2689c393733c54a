import { useMutation, useQueryClient } from '@tanstack/react-query';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { PolicyChangeSchema } from '@watchfloor/shared/actions/policy-changes';
import { postJson } from '../../../lib/api-client.ts';

const PolicyChangeResponseSchema = envelopeSchema(PolicyChangeSchema);

export type PolicyDecision =
  { verb: 'approve'; version: string; comment: string } | { verb: 'reject'; comment: string };

/**
 * `POST /api/v1/policy/changes/:id/approve|reject`. An approval names the version hash the admin
 * was shown: the server refuses it if the change is not exactly that version.
 */
export function decidePolicyChange(changeId: number, decision: PolicyDecision) {
  const comment = decision.comment.trim();
  const body =
    decision.verb === 'approve'
      ? { version: decision.version, ...(comment ? { comment } : {}) }
      : { comment };
  return postJson(
    `/api/v1/policy/changes/${changeId}/${decision.verb}`,
    body,
    PolicyChangeResponseSchema,
  );
}

/** A decision as a mutation; afterwards the active policy and the changes are read again, won or refused. */
export function useDecidePolicyChange(changeId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: PolicyDecision) => decidePolicyChange(changeId, decision),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['policy'] }),
  });
}
