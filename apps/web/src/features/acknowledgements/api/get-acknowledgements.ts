import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  AcknowledgementListResponseSchema,
  type AcknowledgementListResponse,
} from '@watchfloor/shared/acknowledgements';
import { getJson } from '../../../lib/api-client.ts';
import { LIVE_REFRESH_MS } from '../../../lib/live-refresh.ts';

/** Every acknowledgement query lives under this key: a new acknowledgement invalidates them all. */
export const ACKNOWLEDGEMENTS_KEY = ['acknowledgements'] as const;

/** `GET /api/v1/acknowledgements?active=1`: acknowledgements of incidents still going on. */
export function getActiveAcknowledgements(
  signal?: AbortSignal,
): Promise<AcknowledgementListResponse> {
  return getJson('/api/v1/acknowledgements', AcknowledgementListResponseSchema, {
    signal,
    query: { active: 1 },
  });
}

/**
 * One query for the whole fleet, shared by every row and page that shows acknowledgements; it
 * refreshes with the live charts, so an acknowledgement cleared on resolution disappears with them.
 */
export function getActiveAcknowledgementsQueryOptions() {
  return queryOptions({
    queryKey: [...ACKNOWLEDGEMENTS_KEY, 'active'] as const,
    queryFn: ({ signal }) => getActiveAcknowledgements(signal),
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: LIVE_REFRESH_MS / 2,
  });
}

export function useActiveAcknowledgements() {
  return useQuery(getActiveAcknowledgementsQueryOptions());
}
