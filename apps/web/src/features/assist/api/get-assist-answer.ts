import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { AssistAnswerSchema, type AssistAnswer } from '@watchfloor/shared/assist';
import { getJson } from '../../../lib/api-client.ts';

const AssistAnswerResponseSchema = z.object({ data: AssistAnswerSchema });

/** `GET /api/v1/assist/:id`: a stored answer, exactly as it was shown when it was asked. */
export async function getAssistAnswer(id: string, signal?: AbortSignal): Promise<AssistAnswer> {
  const body = await getJson(
    `/api/v1/assist/${encodeURIComponent(id)}`,
    AssistAnswerResponseSchema,
    { signal },
  );
  return body.data;
}

export function getAssistAnswerQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['assist', 'answer', id] as const,
    queryFn: ({ signal }) => getAssistAnswer(id, signal),
    // Stored append-only: it never changes.
    staleTime: Infinity,
  });
}

export function useAssistAnswer(id: string) {
  return useQuery(getAssistAnswerQueryOptions(id));
}
