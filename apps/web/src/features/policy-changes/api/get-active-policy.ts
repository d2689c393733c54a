import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { ActivePolicySchema } from '@watchfloor/shared/actions/policy-changes';
import { getJson } from '../../../lib/api-client.ts';

const ActivePolicyResponseSchema = envelopeSchema(ActivePolicySchema);
export type ActivePolicyResponse = z.infer<typeof ActivePolicyResponseSchema>;

/** `GET /api/v1/policy`: the active action policy, its version hash, and who activated it. */
export function getActivePolicy(signal?: AbortSignal): Promise<ActivePolicyResponse> {
  return getJson('/api/v1/policy', ActivePolicyResponseSchema, { signal });
}

export function getActivePolicyQueryOptions() {
  return queryOptions({
    queryKey: ['policy', 'active'] as const,
    queryFn: ({ signal }) => getActivePolicy(signal),
  });
}

export function useActivePolicy() {
  return useQuery(getActivePolicyQueryOptions());
}
