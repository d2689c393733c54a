import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { ActionListSchema } from '@watchfloor/shared/actions/api';
import type { ActionState } from '@watchfloor/shared/actions/states';
import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import { getJson } from '../../../lib/api-client.ts';

const ActionListResponseSchema = envelopeSchema(ActionListSchema);
export type ActionListResponse = z.infer<typeof ActionListResponseSchema>;

export interface ActionFilters {
  state?: ActionState;
  type?: ActionType;
  target?: string;
}

/** `GET /api/v1/actions`: newest first, filtered by state, type and target. */
export function getActions(
  filters: ActionFilters,
  signal?: AbortSignal,
): Promise<ActionListResponse> {
  return getJson('/api/v1/actions', ActionListResponseSchema, {
    signal,
    query: { ...filters, limit: 100 },
  });
}

export function getActionsQueryOptions(filters: ActionFilters) {
  return queryOptions({
    queryKey: ['actions', 'list', filters] as const,
    queryFn: ({ signal }) => getActions(filters, signal),
    refetchInterval: 10_000,
  });
}

export function useActions(filters: ActionFilters) {
  return useQuery(getActionsQueryOptions(filters));
}
