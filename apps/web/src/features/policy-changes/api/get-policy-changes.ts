import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { PolicyChangeListSchema } from '@watchfloor/shared/actions/policy-changes';
import { getJson } from '../../../lib/api-client.ts';

const PolicyChangesResponseSchema = envelopeSchema(PolicyChangeListSchema);
export type PolicyChangesResponse = z.infer<typeof PolicyChangesResponseSchema>;

/** `GET /api/v1/policy/changes`: the newest changes, each with its diff, shadow report and approvals. */
export function getPolicyChanges(signal?: AbortSignal): Promise<PolicyChangesResponse> {
  return getJson('/api/v1/policy/changes', PolicyChangesResponseSchema, { signal });
}

export function getPolicyChangesQueryOptions() {
  return queryOptions({
    queryKey: ['policy', 'changes'] as const,
    queryFn: ({ signal }) => getPolicyChanges(signal),
  });
}

export function usePolicyChanges() {
  return useQuery(getPolicyChangesQueryOptions());
}
