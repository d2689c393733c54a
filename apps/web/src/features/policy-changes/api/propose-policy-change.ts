import { useMutation, useQueryClient } from '@tanstack/react-query';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { PolicyChangeSchema } from '@watchfloor/shared/actions/policy-changes';
import { postJson } from '../../../lib/api-client.ts';

const PolicyChangeResponseSchema = envelopeSchema(PolicyChangeSchema);

/**
 * `POST /api/v1/policy/changes` (admins). The policy goes as the admin typed it: the server's
 * schema judges it and names every invalid field.
 */
export function proposePolicyChange(policy: unknown, comment: string) {
  return postJson('/api/v1/policy/changes', { policy, comment }, PolicyChangeResponseSchema, {
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
}

export function useProposePolicyChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ policy, comment }: { policy: unknown; comment: string }) =>
      proposePolicyChange(policy, comment),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['policy'] }),
  });
}
