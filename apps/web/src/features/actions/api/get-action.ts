import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { ActionDetailSchema } from '@watchfloor/shared/actions/detail';
import { getJson } from '../../../lib/api-client.ts';

const ActionDetailResponseSchema = envelopeSchema(ActionDetailSchema);
export type ActionDetailResponse = z.infer<typeof ActionDetailResponseSchema>;

/** `GET /api/v1/actions/:actionId`: the action, its approvals, timeline, preconditions now and what the user may do. */
export function getAction(actionId: number, signal?: AbortSignal): Promise<ActionDetailResponse> {
  return getJson(`/api/v1/actions/${actionId}`, ActionDetailResponseSchema, { signal });
}

export function getActionQueryOptions(actionId: number) {
  return queryOptions({
    queryKey: ['actions', 'detail', actionId] as const,
    queryFn: ({ signal }) => getAction(actionId, signal),
    refetchInterval: 10_000,
  });
}

export function useAction(actionId: number) {
  return useQuery(getActionQueryOptions(actionId));
}
