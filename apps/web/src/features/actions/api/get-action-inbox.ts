import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { ActionInboxSchema } from '@watchfloor/shared/actions/api';
import { getJson } from '../../../lib/api-client.ts';
import { INBOX_REFRESH_MS } from './inbox-refresh.ts';

const ActionInboxResponseSchema = envelopeSchema(ActionInboxSchema);
export type ActionInboxResponse = z.infer<typeof ActionInboxResponseSchema>;

/** `GET /api/v1/actions/inbox`: how many actions await the signed-in user's decision. */
export function getActionInbox(signal?: AbortSignal): Promise<ActionInboxResponse> {
  return getJson('/api/v1/actions/inbox', ActionInboxResponseSchema, { signal });
}

// Under 'actions', so the invalidation after any transition reads the count again too.
export function getActionInboxQueryOptions() {
  return queryOptions({
    queryKey: ['actions', 'inbox'] as const,
    queryFn: ({ signal }) => getActionInbox(signal),
    refetchInterval: INBOX_REFRESH_MS,
  });
}

export function useActionInbox() {
  return useQuery(getActionInboxQueryOptions());
}
