import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { AssistAnswerSchema, type AssistAnswer } from '@watchfloor/shared/assist';
import { getJson } from '../../../lib/api-client.ts';

// The answer carries its own verdict on the data (a refusal), so only `data` is read here.
const WhyResponseSchema = z.object({ data: AssistAnswerSchema });

/** What the "Why?" button asks about: a segment or an entity over fixed bounds. */
export interface WhyRequest {
  scope: 'segment' | 'entity';
  id: string;
  from: number;
  to: number;
}

/** `GET /api/v1/assist/why`: computes, stores and returns an answer for the scope and window. */
export async function getWhy(request: WhyRequest, signal?: AbortSignal): Promise<AssistAnswer> {
  const body = await getJson('/api/v1/assist/why', WhyResponseSchema, {
    signal,
    query: { scope: request.scope, id: request.id, from: request.from, to: request.to },
  });
  return body.data;
}

export function getWhyQueryOptions(request: WhyRequest | null) {
  return queryOptions({
    queryKey: ['assist', 'why', request] as const,
    queryFn: ({ signal }) =>
      request ? getWhy(request, signal) : Promise.reject(new Error('nothing asked yet')),
    // Asked only when the user presses "Why?"; each press with other bounds is a new answer.
    enabled: request !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useWhy(request: WhyRequest | null) {
  return useQuery(getWhyQueryOptions(request));
}
